"""Records made consistent across a document and a corpus: people's identities, reports linked to
agenda items, the warnings a clerk should read.
"""
