"""SQL views for analysts, created with the schema so every database has them."""

from __future__ import annotations

import duckdb

VIEWS = {
    "v_capaian": """
        SELECT p.*, c.recomputed AS capaian_recomputed, c.status AS check_status,
               c.formula AS check_formula, d.file_name, d.entity, d.fiscal_year AS report_year
        FROM performance p
        JOIN documents d USING (doc_id)
        LEFT JOIN checks c
          ON c.doc_id = p.doc_id AND c.table_id = p.table_id AND c.row_no = p.row_no
         AND c.kind = 'capaian' AND c.subject = p.indicator || ' ' || coalesce(CAST(p.year AS VARCHAR), '')
             || ' ' || coalesce(p.measure, '')
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
    "v_budget_rollup": """
        SELECT b.doc_id, b.table_id, b.row_no, b.level, b.name, b.pagu, b.realisasi,
               child.n_children, child.pagu_children, child.realisasi_children,
               b.pagu - child.pagu_children AS pagu_gap
        FROM budget b
        LEFT JOIN (
            SELECT doc_id, table_id, parent_row_no, count(*) AS n_children,
                   sum(pagu) AS pagu_children, sum(realisasi) AS realisasi_children
            FROM budget WHERE parent_row_no IS NOT NULL
            GROUP BY ALL
        ) child ON child.doc_id = b.doc_id AND child.table_id = b.table_id
               AND child.parent_row_no = b.row_no
    """,
}


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for name, sql in VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
