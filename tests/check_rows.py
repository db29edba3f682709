"""Rows for the check tests (tests/test_checks_*.py): a performance, IKK and budget row with
the fields every check reads, overridden per test."""


def perf(**kw):
    base = {"doc_id": "d", "table_id": "t1", "row_no": 1, "indicator": "IKM", "year": 2023,
            "measure": "annual", "line": 10}
    return base | kw


def ikk(indicator, num: tuple[float, str], den: tuple[float, str], cap: tuple[float, str], **kw):
    return {"doc_id": "d", "table_id": "t", "row_no": 1, "indicator": indicator,
            "numerator": num[0], "numerator_text": num[1], "denominator": den[0],
            "denominator_text": den[1], "capaian_reported": cap[0], "capaian_text": cap[1]} | kw


def budget(row_no, level, pagu, parent=None, **kw):
    return {"doc_id": "d", "table_id": "t", "row_no": row_no, "level": level, "pagu": pagu,
            "parent_row_no": parent, "name": f"r{row_no}", "line": row_no} | kw
