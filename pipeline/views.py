"""SQL views for analysts, created with the schema so every database has them.

Views join by keys (performance_id, budget_id → checks.row_id; doc_id, table_id, row_no,
year, measure), never by text built from several columns, so a renamed indicator or a NULL
year cannot silently drop a row from a join.
"""

from __future__ import annotations

import duckdb

from pipeline.vocab import DISTRUSTED, HIERARCHY_FORMULA, LEVEL_ORDER

VIEWS = {
    "v_capaian": """
        SELECT p.*, c.recomputed AS capaian_recomputed, c.status AS check_status,
               c.formula AS check_formula, d.file_name, d.entity, d.fiscal_year AS report_year
        FROM performance p
        JOIN documents d USING (doc_id)
        LEFT JOIN checks c ON c.row_id = p.performance_id AND c.kind = 'capaian'
    """,
    "v_printed_figures": """
        SELECT p.doc_id, d.file_name, d.entity, d.fiscal_year AS report_year, p.table_id,
               s.label AS table_label, p.row_no, p.performance_id, p.indicator, p.indicator_key,
               p.sasaran, p.name, p.org_unit, p.year, p.measure, p.unit, p.target, p.target_text,
               p.realisasi, p.realisasi_text, p.capaian_reported, p.capaian_text,
               p.predikat_reported, p.polarity, p.page, p.line,
               coalesce(copies.n_copies, 0) AS n_copies
        FROM performance p
        JOIN documents d USING (doc_id)
        LEFT JOIN source_tables s ON s.table_id = p.table_id
        LEFT JOIN (
            SELECT table_id, filled_from_row, year, measure, count(*) AS n_copies
            FROM performance WHERE filled_from_row IS NOT NULL
            GROUP BY ALL
        ) copies ON copies.table_id = p.table_id AND copies.filled_from_row = p.row_no
               AND copies.year IS NOT DISTINCT FROM p.year
               AND copies.measure IS NOT DISTINCT FROM p.measure
        WHERE p.filled_from_row IS NULL
    """,
    "v_discrepancies": """
        SELECT c.*, d.file_name, d.entity, s.label AS table_label, s.caption AS table_caption
        FROM checks c
        JOIN documents d USING (doc_id)
        LEFT JOIN source_tables s ON s.table_id = c.table_id
        WHERE c.status = 'mismatch'
        ORDER BY abs(c.diff) DESC NULLS LAST
    """,
    "v_indicator_series": """
        SELECT p.indicator_key, p.year, p.measure, d.entity, d.region, p.target, p.realisasi,
               p.capaian_reported, p.unit, p.doc_id, p.table_id, p.line
        FROM performance p JOIN documents d USING (doc_id)
        WHERE p.indicator_key IS NOT NULL
        ORDER BY p.indicator_key, d.entity, p.year
    """,
    "v_budget_rollup": f"""
        WITH ranked AS (
            SELECT b.*, list_position({list(LEVEL_ORDER)}, b.level) AS rank FROM budget b
        ), kids AS (
            -- as the footing check adds up: only the children one level below the parent
            -- (sub kegiatan sit under their kegiatan; a misplaced unit row is not a part)
            SELECT p.budget_id AS parent_id, c.pagu, c.realisasi, c.rank,
                   min(c.rank) OVER (PARTITION BY p.budget_id) AS top
            FROM ranked p JOIN ranked c
              ON c.doc_id = p.doc_id AND c.table_id = p.table_id AND c.parent_row_no = p.row_no
             AND c.year IS NOT DISTINCT FROM p.year AND c.measure IS NOT DISTINCT FROM p.measure
            WHERE c.rank > p.rank
        ), child AS (
            SELECT parent_id, count(*) AS n_children, sum(pagu) AS pagu_children,
                   sum(realisasi) AS realisasi_children
            FROM kids WHERE rank = top GROUP BY parent_id
        ), trust AS (
            SELECT doc_id, table_id,
                   count(*) FILTER (WHERE status IN ('ok', 'mismatch')) AS sums_decided,
                   count(*) FILTER (WHERE detail LIKE '%{DISTRUSTED}%') AS sums_set_aside
            FROM checks WHERE kind = 'footing' AND formula LIKE '{HIERARCHY_FORMULA}'
            GROUP BY ALL
        ), own AS (
            SELECT row_id,
                   CASE WHEN bool_or(status = 'mismatch') THEN 'mismatch'
                        WHEN bool_or(status = 'ok') THEN 'ok' ELSE 'unverifiable' END AS gap_status
            FROM checks WHERE kind = 'footing' AND formula LIKE 'sum(pagu) of %'
            GROUP BY row_id
        )
        SELECT b.doc_id, b.table_id, b.row_no, b.budget_id, b.level, b.name, b.year, b.measure,
               b.pagu, b.realisasi,
               child.n_children, child.pagu_children, child.realisasi_children,
               b.pagu - child.pagu_children AS pagu_gap,
               CASE WHEN trust.sums_set_aside > 0 THEN false
                    WHEN trust.sums_decided > 0 THEN true END AS hierarchy_trusted,
               own.gap_status
        FROM budget b
        LEFT JOIN child ON child.parent_id = b.budget_id
        LEFT JOIN trust ON trust.doc_id = b.doc_id AND trust.table_id = b.table_id
        LEFT JOIN own ON own.row_id = b.budget_id
    """,
}

VIEW_COMMENTS = {
    "v_capaian": "performance rows with the recomputed capaian, the check's status and the "
                 "formula that reproduced the printed value (checks joined by row_id)",
    "v_printed_figures": "one row per figure printed in a performance table: rows that only "
                         "copy a merged cell (filled_from_row) left out, their number in "
                         "n_copies; use it for count() and avg() over indicators",
    "v_discrepancies": "every check mismatch with its document, table label and caption, "
                       "largest first",
    "v_indicator_series": "one indicator (indicator_key) across years, documents and entities",
    "v_budget_rollup": "every budget row beside the sum of its children one level below, in "
                       "the same year and measure (pagu_gap = printed − sum); hierarchy_trusted is false where the "
                       "footing check found the table's levels read wrong, so its gaps are "
                       "artefacts; gap_status is the row's own footing check",
}


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for name, sql in VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")

# The table each view's plain columns come from: their comments are that table's.
VIEW_BASE = {
    "v_capaian": "performance", "v_printed_figures": "performance", "v_discrepancies": "checks",
    "v_indicator_series": "performance", "v_budget_rollup": "budget",
}
# Columns a view computes or takes from elsewhere.
VIEW_COLUMN_COMMENTS = {
    "file_name": "the document's file name (documents.file_name)",
    "entity": "the publishing body (documents.entity)",
    "region": "the region of the publishing body (documents.region)",
    "report_year": "the year the report is about (documents.fiscal_year)",
    "table_label": "printed caption number of the table (source_tables.label)",
    "table_caption": "caption text of the table (source_tables.caption)",
    "capaian_recomputed": "capaian recomputed from target and realisasi (checks.recomputed)",
    "check_status": "the capaian check's status: ok | mismatch | unverifiable; NULL: not checked",
    "check_formula": "the formula that reproduced (or failed to reproduce) the printed capaian",
    "n_copies": "rows that copy this printed figure from a merged cell (filled_from_row)",
    "n_children": "children one level below that add up into this row",
    "pagu_children": "sum of the children's pagu, rupiah",
    "realisasi_children": "sum of the children's realisasi, rupiah",
    "pagu_gap": "pagu − pagu_children: printed against the sum of the parts",
    "hierarchy_trusted": "false: the footing check found this table's levels read wrong (most "
                         "of its sums fail), so its gaps are artefacts; true: its sums were "
                         "checked and trusted; NULL: none could be checked",
    "gap_status": "this row's own footing check of pagu: ok | mismatch | unverifiable (a part "
                  "is not printed, or the hierarchy is not trusted)",
}


def view_column_comments(columns: dict[tuple[str, str], str],
                         have: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Comments for the stored views' columns `have`: a computed column's own, else the
    comment of the same column in the view's base table or in documents."""
    out = {}
    for view, column in have:
        text = VIEW_COLUMN_COMMENTS.get(column) or columns.get((VIEW_BASE.get(view, ""), column)) \
            or columns.get(("documents", column))
        if text:
            out[(view, column)] = text
    return out
