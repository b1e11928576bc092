"""The ground floor: what every stage stands on. Errors a user sees, the vocabulary (every cue word,
loaded and checked once) and dates.
"""
