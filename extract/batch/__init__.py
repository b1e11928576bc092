"""A run over many files: which files, where they are parsed (a process pool or Dask), what is kept.
"""
