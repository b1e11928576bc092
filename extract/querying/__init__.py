"""Questions to the store: search, who said what, a person's record.
"""
