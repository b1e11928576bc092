"""The text a document becomes: lines that keep their offsets into the source, the views of them every
stage shares, and the blocks, headings, tables and page furniture read from them.
"""
