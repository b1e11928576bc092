"""Whether two printed names can be the same person: the one rule every cross-reference uses."""

from __future__ import annotations


def same_person(a, b) -> bool:
    """Same surname and initials that do not clash ('S Errington' and 'Stuart Errington').

    Two people who share a surname but whose initials differ are never the same.
    """
    if a.surname.lower() != b.surname.lower():
        return False
    if not a.initials or not b.initials:
        return True
    return a.initials.startswith(b.initials) or b.initials.startswith(a.initials)
