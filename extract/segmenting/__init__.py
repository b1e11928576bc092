"""A document's parts: front sheet, minutes, reports and appendices, and the header lines (meeting
sentence, title lines, labelled lines) that open them.
"""
