"""Each part to its records: a meeting's attendance, items, resolutions, votes, interventions, a report's
sections; people's names as papers print them.
"""
