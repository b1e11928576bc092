"""Bytes to text: decoding, PDF text layers, OCR, saved web pages and Markdown. Every reader gives a
SourceText (extract.text.lines) whose spans cite the original.
"""
