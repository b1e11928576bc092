"""pdfplumber's ruled-table grid ("lines" strategy, default settings), without pdfplumber.

Importing pdfplumber (and pdfminer under it) took a quarter of a second of every process that
read a ruled table, for its table finder alone. This is that finder's algorithm on plain tuples,
step for step and in its order, so every float is computed as pdfplumber computes it: ruling
edges snapped to their cluster's average and joined where they touch, the points where they
cross, the smallest cell at each point, cells grouped into tables, each table's rows.
(tests/test_pdf_fast_paths.py checks it against pdfplumber's TableFinder on every page at hand.)
Ported from pdfplumber's table.py (MIT licence, Copyright (c) 2015, Jeremy Singer-Vine).

An edge is (x0, top, x1, bottom, length) in top-down page units; its length is its height for a
vertical edge, its width for a horizontal one.
"""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple

SNAP_TOLERANCE = 3  # pdfplumber's TableSettings defaults
JOIN_TOLERANCE = 3
INTERSECTION_TOLERANCE = 3
EDGE_MIN_LENGTH = 3
EDGE_MIN_LENGTH_PREFILTER = 1

Edge = tuple[float, float, float, float, float]
Cell = tuple[float, float, float, float]  # x0, top, x1, bottom
Point = tuple[float, float]


class GridTable(NamedTuple):
    """A table's cells (pdfplumber's order), its box, and its rows (None where a cell spans)."""

    cells: list[Cell]
    bbox: Cell
    rows: list[list[Cell | None]]


def grid_tables(vertical: list[Edge], horizontal: list[Edge]) -> list[GridTable]:
    """pdfplumber's TableFinder(page).tables for a page whose edges are these, in its order."""
    vertical = [edge for edge in vertical if edge[4] >= EDGE_MIN_LENGTH_PREFILTER]
    horizontal = [edge for edge in horizontal if edge[4] >= EDGE_MIN_LENGTH_PREFILTER]
    vertical, horizontal = _merged(_snapped(vertical, 0), _snapped(horizontal, 1))
    cells = grid_cells(_intersections(vertical, horizontal))
    return [_table(group) for group in _cells_to_tables(cells)]


def _clusters(values: set[float]) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: each value's cluster, values within the tolerance of the
    one before chained into one."""
    index, last, found = -1, None, {}
    for value in sorted(values):
        if last is None or value > last + SNAP_TOLERANCE:
            index += 1
        found[value] = index
        last = value
    return found


def _snapped(edges: list[Edge], axis: int) -> list[Edge]:
    """pdfplumber's snap_objects: edges grouped by cluster of x0 (axis 0, vertical edges) or top
    (axis 1, horizontal), each moved by its cluster's average less its own position."""
    cluster = _clusters({edge[axis] for edge in edges})
    ordered = sorted(edges, key=lambda edge: cluster[edge[axis]])
    out: list[Edge] = []
    for _, group in groupby(ordered, key=lambda edge: cluster[edge[axis]]):
        group = list(group)
        average = sum(edge[axis] for edge in group) / len(group)
        for x0, top, x1, bottom, length in group:
            if axis == 0:
                move = average - x0
                out.append((x0 + move, top, x1 + move, bottom, length))
            else:
                move = average - top
                out.append((x0, top + move, x1, bottom + move, length))
    return out


def _merged(vertical: list[Edge], horizontal: list[Edge]) -> tuple[list[Edge], list[Edge]]:
    """pdfplumber's merge_edges after snapping, and its edge_min_length filter: the edges on one
    line joined where one reaches within the tolerance of the next."""
    joined_h = [edge for _, line in groupby(sorted(horizontal, key=lambda e: e[1]), key=lambda e: e[1])
                for edge in _joined(list(line), 0, 2)]
    joined_v = [edge for _, line in groupby(sorted(vertical, key=lambda e: e[0]), key=lambda e: e[0])
                for edge in _joined(list(line), 1, 3)]
    return ([edge for edge in joined_v if edge[4] >= EDGE_MIN_LENGTH],
            [edge for edge in joined_h if edge[4] >= EDGE_MIN_LENGTH])


def _joined(line: list[Edge], low: int, high: int) -> list[Edge]:
    """pdfplumber's join_edge_group: edges along one line, sorted by their start, each that starts
    within the tolerance of the last's end extending it."""
    line = sorted(line, key=lambda edge: edge[low])
    joined = [line[0]]
    for edge in line[1:]:
        last = joined[-1]
        if edge[low] <= last[high] + JOIN_TOLERANCE:
            if edge[high] > last[high]:
                joined[-1] = _extended(last, high, edge[high])
        else:
            joined.append(edge)
    return joined


def _extended(edge: Edge, high: int, value: float) -> Edge:
    """pdfplumber's resize_object of an edge's end (x1 of a horizontal edge, bottom of a vertical):
    the width is recomputed, the height moved by the difference, as it does."""
    x0, top, x1, bottom, length = edge
    if high == 2:
        return x0, top, value, bottom, value - x0
    return x0, top, x1, value, length + (value - bottom)


def _intersections(vertical: list[Edge], horizontal: list[Edge]) -> dict[Point, tuple[set, set]]:
    """pdfplumber's edges_to_intersections: each point where a vertical and a horizontal edge
    cross within the tolerance, with the (boxes of the) vertical and horizontal edges through it."""
    tolerance = INTERSECTION_TOLERANCE
    found: dict[Point, tuple[set, set]] = {}
    for v in vertical:
        x, v_top, v_bottom = v[0], v[1], v[3]
        for h in horizontal:  # pdfplumber's comparisons, term for term: the same floats decide
            if v_top <= h[1] + tolerance and v_bottom >= h[1] - tolerance and h[0] - tolerance <= x <= h[2] + tolerance:
                through = found.setdefault((x, h[1]), (set(), set()))
                through[0].add(v[:4])
                through[1].add(h[:4])
    return found


def grid_cells(intersections: dict[Point, tuple[set, set]]) -> list[Cell]:
    """pdfplumber's intersections_to_cells, the same cells in the same order, made faster.

    For each point (in sorted order) the first cell pdfplumber finds: the first point below it
    joined to it by a vertical edge, the first point right of it joined by a horizontal edge,
    whose corner is a point joined to both. A point below shares only its x, so only vertical
    edges can join them (only horizontal ones a point to its right): pdfplumber tries both, and
    rebuilds both points' edge sets for every pair it tries.
    """
    columns: dict[float, list[Point]] = {}  # the points of each x, top to bottom
    rows: dict[float, list[Point]] = {}  # the points of each top, left to right
    for point in sorted(intersections):
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)
    below_of = {point: column[i + 1:] for column in columns.values() for i, point in enumerate(column)}
    right_of = {point: row[i + 1:] for row in rows.values() for i, point in enumerate(row)}
    cells = []
    for point in sorted(intersections):
        vertical, horizontal = intersections[point]
        right = [r for r in right_of[point] if not horizontal.isdisjoint(intersections[r][1])]
        cell = _smallest_cell(point, [b for b in below_of[point] if not vertical.isdisjoint(intersections[b][0])],
                              right, intersections) if right else None
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(point: Point, below: list[Point], right: list[Point], intersections: dict) -> Cell | None:
    """The first cell (pdfplumber's order) whose top-left corner is `point`, given the points below
    and right of it that edges join to it: its corner a point joined to both."""
    for below_point in below:
        for right_point in right:
            corner = (right_point[0], below_point[1])
            through = intersections.get(corner)
            if through is not None and not through[0].isdisjoint(intersections[right_point][0]) \
                    and not through[1].isdisjoint(intersections[below_point][1]):
                return point[0], point[1], corner[0], corner[1]
    return None


def _corners(cell: Cell) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = cell
    return (x0, top), (x0, bottom), (x1, top), (x1, bottom)


def _cells_to_tables(cells: list[Cell]) -> list[list[Cell]]:
    """pdfplumber's cells_to_tables: cells that share a corner, passes over the rest in order
    until a pass adds none, make one table; tables top to bottom, then left to right; no
    table of one cell."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[Cell] = []
    tables = []
    while remaining:
        before = len(current)
        kept = []
        for cell in remaining:
            cell_corners = _corners(cell)
            if not current or any(corner in corners for corner in cell_corners):
                corners.update(cell_corners)
                current.append(cell)
            else:
                kept.append(cell)
        remaining = kept
        if len(current) == before:
            tables.append(current)
            corners, current = set(), []
    if current:
        tables.append(current)
    tables.sort(key=lambda table: min((cell[1], cell[0]) for cell in table))
    return [table for table in tables if len(table) > 1]


def _table(cells: list[Cell]) -> GridTable:
    """A table's box and rows as pdfplumber's Table gives them: a row per top, a column per x0."""
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
    xs = sorted({cell[0] for cell in cells})
    rows = []
    for _, row_cells in groupby(sorted(cells, key=lambda cell: (cell[1], cell[0])), key=lambda cell: cell[1]):
        by_x = {cell[0]: cell for cell in row_cells}
        rows.append([by_x.get(x) for x in xs])
    return GridTable(cells, bbox, rows)
