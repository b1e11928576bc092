"""The `minutebook` command line and how its answers are drawn in a terminal.
"""
