"""write_table: every format reads back with pandas equal to the table written; formulas stay text in Excel."""

import pandas as pd
import pytest

from corpus_utils.errors import CorpusError
from corpus_utils.tables import TABLE_FORMATS, write_table

TABLE = pd.DataFrame({
    "doc_id": ["000_a", "001_b", "002_c"],
    "term": ["高质量发展", "党建引领", None],
    "freq": [12, 7, 0],
    "share": [0.125, float("nan"), 2 / 3],
})


def _read(path):
    return {".csv": pd.read_csv, ".json": lambda p: pd.read_json(p, orient="records"), ".xlsx": pd.read_excel,
            ".parquet": pd.read_parquet}[path.suffix](path)


@pytest.mark.parametrize("suffix", list(TABLE_FORMATS))
def test_every_format_reads_back_equal(tmp_path, suffix):
    path = write_table(TABLE, tmp_path / f"table{suffix}")
    found = _read(path)
    assert found.columns.tolist() == TABLE.columns.tolist()
    assert found["doc_id"].tolist() == ["000_a", "001_b", "002_c"]
    assert found["term"].tolist()[:2] == ["高质量发展", "党建引领"] and pd.isna(found["term"].iloc[2])
    assert found["freq"].tolist() == [12, 7, 0] and str(found["freq"].dtype) == "int64"
    assert found["share"].iloc[0] == pytest.approx(0.125) and pd.isna(found["share"].iloc[1])
    # CSV keeps four decimals; the others keep the float
    assert found["share"].iloc[2] == pytest.approx(2 / 3, abs=1e-4 if suffix == ".csv" else 1e-12)


@pytest.mark.parametrize("suffix", list(TABLE_FORMATS))
def test_the_same_bytes_on_every_run(tmp_path, suffix):
    first = write_table(TABLE, tmp_path / f"a{suffix}").read_bytes()
    assert write_table(TABLE, tmp_path / f"b{suffix}").read_bytes() == first


def test_excel_stores_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook

    risky = pd.DataFrame({"context": ["=HYPERLINK(\"http://x\")", "+1+2", "-3", "@SUM(A1)", "平常"]})
    path = write_table(risky, tmp_path / "risky.xlsx")
    sheet = load_workbook(path)["table"]
    assert sheet.title == "table"
    assert [cell.data_type for cell in sheet["A"][1:]] == ["s"] * 5
    assert pd.read_excel(path)["context"].tolist() == risky["context"].tolist()


def test_parquet_drops_attrs(tmp_path):
    table = TABLE.copy()
    table.attrs["skipped"] = {"a.txt": "is a PDF"}
    assert pd.read_parquet(write_table(table, tmp_path / "t.parquet")).attrs == {}


def test_an_unknown_extension_is_one_line_naming_it(tmp_path):
    with pytest.raises(ValueError, match=r"extension '\.txt' is not a table format; use one of \.csv, \.json"):
        write_table(TABLE, tmp_path / "table.txt")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    path = write_table(TABLE, tmp_path / "t.csv")
    before = path.read_bytes()

    def disk_full(self, handle, **options):
        handle.write("doc_id,te")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", disk_full)
    with pytest.raises(CorpusError, match=r"t\.csv: cannot be written \(No space left on device\); nothing was"):
        write_table(TABLE.head(1), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]
