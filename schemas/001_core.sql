-- kinerja curated schema, version 1.
-- Column names are a contract: analysts' SQL and the audit tools depend on them.
-- Add columns freely; never rename one.
--
-- This file is also the data dictionary. Every column line ends with `-- its comment`
-- (continued on the `--` lines under it), and the `--` lines right above a CREATE TABLE are
-- the table's comment; pipeline/store.py reads them into DuckDB COMMENTs, so
-- `SELECT * FROM duckdb_columns()` documents every column of a database. A column without
-- a comment fails the tests.

-- Which version of this schema the database was created with.
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER NOT NULL,            -- schema version number (store.SCHEMA_VERSION)
    applied_at  TIMESTAMP NOT NULL,          -- when that version was first applied (UTC)
    fingerprint VARCHAR                      -- sha256 of the tables, views and comments the database was last
                                             -- brought up to; an open that finds its own skips the migration
);

-- One row per input file: what it is, who published it, and how its extraction went.
CREATE TABLE IF NOT EXISTS documents (
    doc_id            VARCHAR PRIMARY KEY,   -- stable document id: the first 16 hex digits of the file's sha256
                                             -- ('dup-…' from the path for a duplicate copy)
    file_name         VARCHAR NOT NULL,      -- the file's name, without its folder
    source_path       VARCHAR NOT NULL,      -- absolute path the file was read from
    sha256            VARCHAR NOT NULL,      -- sha256 of the file's bytes; identical files share it
    format            VARCHAR NOT NULL,      -- input format: text | markdown | pdf | docx
    doc_type          VARCHAR,               -- report type: LKjIP | LPPD | Renja | RKT | PK | IKU | Renstra | Cascading | Evaluasi Renja | unknown
    entity            VARCHAR,               -- the publishing body ('Kecamatan Balikpapan Timur'), from the cover
    region            VARCHAR,               -- the region (kabupaten / kota / provinsi) the entity belongs to
    fiscal_year       INTEGER,               -- the year the report is about (not the year it was printed)
    n_pages           INTEGER,               -- pages of a PDF or Word rendering; NULL for text input
    status            VARCHAR NOT NULL,      -- ok | partial (read, with warnings) | failed | duplicate
    error             VARCHAR,               -- why the stored extraction failed or is partial (one line per fault)
    extracted_at      TIMESTAMP NOT NULL,    -- when the stored rows were extracted (UTC)
    pipeline_version  VARCHAR NOT NULL,      -- kinerja version that extracted the stored rows
    n_lines           INTEGER,               -- lines of text the extractor produced
    n_tables          INTEGER,               -- tables found (rows in source_tables)
    warnings          JSON,                  -- list of warnings about the file (lost pages, limits reached, …)
    metadata_notes    JSON,                  -- list of notes saying how doc_type, entity, region and year were found
    last_error        VARCHAR,               -- why the latest attempt failed, when it did
    last_attempt_at   TIMESTAMP,             -- when the file was last tried, good or not
    stale             BOOLEAN,               -- the stored rows are older than a failed re-run
    duplicate_of      VARCHAR                -- doc_id of the file with identical bytes
);

-- One row per document attempt, so a researcher can see what each run did to each file.
CREATE TABLE IF NOT EXISTS extract_log (
    attempted_at  TIMESTAMP NOT NULL,        -- when the attempt was made (UTC)
    source_path   VARCHAR NOT NULL,          -- the file attempted
    doc_id        VARCHAR,                   -- the document id the attempt produced, if any
    status        VARCHAR NOT NULL,          -- ok | partial | failed | duplicate | kept
                                             -- (kept: failed, the older good rows stay)
    message       VARCHAR                    -- the error, or which document a duplicate copies
);

-- One row per table found in a report, every table including unclassified ones, with its
-- printed cells: the evidence every curated row points back to.
CREATE TABLE IF NOT EXISTS source_tables (
    table_id    VARCHAR PRIMARY KEY,         -- '<doc_id>:t<index>', e.g. 'bba5bf5daede6844:t003'
    doc_id      VARCHAR NOT NULL,            -- the document (documents.doc_id)
    label       VARCHAR,                     -- printed caption number: 'Tabel 3.4'
    caption     VARCHAR,                     -- the caption's title text
    kind        VARCHAR NOT NULL,            -- what the table holds: perjanjian_kinerja | capaian_kinerja |
                                             -- capaian_history | renstra_target | renstra_progress |
                                             -- realisasi_anggaran | anggaran | efisiensi | staffing | iku |
                                             -- ikk | spm | other
    page_start  INTEGER,                     -- first page (PDF / Word)
    page_end    INTEGER,                     -- last page (PDF / Word)
    line_start  INTEGER,                     -- first line (text input)
    line_end    INTEGER,                     -- last line (text input)
    n_rows      INTEGER NOT NULL,            -- data rows (header rows not counted)
    n_cols      INTEGER NOT NULL,            -- columns after the header was flattened
    header      JSON,                        -- flattened column names
    cells       JSON,                        -- [[{"text":..,"line":..,"page":..}, ...], ...]; a cell copied
                                             -- down from a merged cell above carries "filled": true
    table_index INTEGER,                     -- order of the table in its document, from 0
    pieces      INTEGER,                     -- pieces joined into this table (a table broken across pages)
    kind_reason VARCHAR,                     -- why the table was given its kind
    notes       JSON,                        -- list of what reconstruction and curation did to the table
    header_cells    JSON,                    -- the printed header rows, cells with line/page
    set_aside_cells JSON                     -- repeated headers, column-number rows, joined tails
);

-- One row per indicator × year × measure printed in a performance table (Perjanjian
-- Kinerja, capaian, Renstra targets). A printed row gives one record per year and measure.
-- Rows with filled_from_row set repeat a merged cell printed once: v_printed_figures leaves
-- them out.
CREATE TABLE IF NOT EXISTS performance (
    doc_id            VARCHAR NOT NULL,      -- the document (documents.doc_id)
    table_id          VARCHAR NOT NULL,      -- the printed table (source_tables.table_id)
    row_no            INTEGER NOT NULL,      -- the data row in that table, from 1 (source_tables.cells[row_no])
    sasaran           VARCHAR,               -- the strategic objective (sasaran) the indicator serves
    indicator         VARCHAR,               -- the indicator as printed (cleaned of markup)
    indicator_key     VARCHAR,               -- catalog key of the indicator, the same across reports ('ikm')
    unit              VARCHAR,               -- unit of the figures, normalised ('%', 'poin', 'dokumen')
    year              INTEGER,               -- the year the figures are for
    measure           VARCHAR,               -- annual | history | baseline | renstra_target | renstra_progress |
                                             -- national | triwulan_1..4 | bulan_1..12 (a monthly schedule) |
                                             -- a Renja's plans: rancangan_awal_rkpd | hasil_analisis_kebutuhan
                                             -- (the RKPD draft vs the needs analysis) | prakiraan_maju (the
                                             -- forward estimate for the next year) | usulan (a proposal)
    target            DOUBLE,                -- the target as a number
    target_text       VARCHAR,               -- the target as printed
    realisasi         DOUBLE,                -- the realisation as a number
    realisasi_text    VARCHAR,               -- the realisation as printed
    capaian_reported  DOUBLE,                -- the achievement (capaian, %) the report prints
    predikat_reported VARCHAR,               -- the printed criterion ('Sangat Baik', 'Tinggi')
    page              INTEGER,               -- page of the row (PDF / Word)
    line              INTEGER,               -- line of the row (text input)
    capaian_text      VARCHAR,               -- the capaian as printed
    unit_printed      VARCHAR,               -- the unit as printed, before normalisation
    target_before     DOUBLE,                -- the target before a mid-year change (Sebelum)
    target_low        DOUBLE,                -- a target printed as a range ('Baik (B) 60-70')
    target_high       DOUBLE,                -- the upper end of a target printed as a range
    program           VARCHAR,               -- the programme the row sits under, where printed
    name              VARCHAR,               -- programme / kegiatan the indicator measures
    level             VARCHAR,               -- reserved for the row's level (programme, kegiatan); not yet filled
    org_unit          VARCHAR,               -- org unit section the row sits under (a kelurahan)
    provisional       BOOLEAN,               -- a figure is marked provisional (sementara, *)
    polarity          VARCHAR,               -- positive | negative (lower is better) | NULL
    catalog_match     VARCHAR,               -- how indicator_key was found: exact | alias | fuzzy:NN | own
    parse_note        VARCHAR,               -- how an ambiguous figure was read
    filled_from_row   INTEGER,               -- row_no of the row whose merged indicator and figures this
                                             -- row copies (nothing of its own printed); NULL: printed here
    performance_id    VARCHAR PRIMARY KEY    -- surrogate key '<table_id>:r<row_no>:<n>' (n: the row's
                                             -- n-th record); checks.row_id points here
);

-- One row per budget line (programme, kegiatan, sub kegiatan, unit, total) of a budget or
-- realisation table, amounts in whole rupiah.
CREATE TABLE IF NOT EXISTS budget (
    doc_id            VARCHAR NOT NULL,      -- the document (documents.doc_id)
    table_id          VARCHAR NOT NULL,      -- the printed table (source_tables.table_id)
    row_no            INTEGER NOT NULL,      -- the data row in that table, from 1
    level             VARCHAR,               -- program | kegiatan | sub_kegiatan | unit | total | other
    parent_row_no     INTEGER,               -- row_no of the line this one adds up into (same table)
    unit              VARCHAR,               -- org unit (a kelurahan section)
    code              VARCHAR,               -- the printed nomenclature code ('7.01.03.2.01')
    name              VARCHAR,               -- the programme / kegiatan name as printed
    name_key          VARCHAR,               -- the name normalised for matching across tables
    pagu_before       DOUBLE,                -- the budget before a change (Sebelum Perubahan), rupiah
    pagu              DOUBLE,                -- the budget ceiling (pagu), rupiah
    realisasi         DOUBLE,                -- the amount spent, rupiah
    capaian_reported  DOUBLE,                -- the absorption (%) the report prints
    page              INTEGER,               -- page of the row (PDF / Word)
    line              INTEGER,               -- line of the row (text input)
    year              INTEGER,               -- the year of the amounts
    measure           VARCHAR,               -- NULL for the year's budget; renstra_funding | renstra_end for
                                             -- a Renstra's planned funding; the slugged spanning header
                                             -- ('rancangan_awal_rkpd') when a table prints one pagu per plan
    sisa              DOUBLE,                -- the unspent remainder as printed (pagu − realisasi), rupiah
    change            DOUBLE,                -- the printed change between pagu_before and pagu, rupiah
    scale             INTEGER,               -- factor applied to the printed amounts (1000 for 'dalam ribuan')
    realisasi_tw1     DOUBLE,                -- quarterly realisation where printed
    realisasi_tw2     DOUBLE,                -- realisation in the second quarter, rupiah
    realisasi_tw3     DOUBLE,                -- realisation in the third quarter, rupiah
    realisasi_tw4     DOUBLE,                -- realisation in the fourth quarter, rupiah
    pagu_text         VARCHAR,               -- the pagu as printed
    realisasi_text    VARCHAR,               -- the realisation as printed
    capaian_text      VARCHAR,               -- the absorption as printed
    pagu_before_text  VARCHAR,               -- the budget before the change as printed
    parse_note        VARCHAR,               -- how an ambiguous amount was read
    realisasi_tw1_text VARCHAR,              -- the quarterly amounts as printed
    realisasi_tw2_text VARCHAR,              -- the second quarter's amount as printed
    realisasi_tw3_text VARCHAR,              -- the third quarter's amount as printed
    realisasi_tw4_text VARCHAR,              -- the fourth quarter's amount as printed
    budget_id         VARCHAR PRIMARY KEY    -- surrogate key '<table_id>:r<row_no>:<n>'
);

-- One row per key performance indicator (IKU) definition.
CREATE TABLE IF NOT EXISTS iku (
    doc_id         VARCHAR NOT NULL,         -- the document (documents.doc_id)
    table_id       VARCHAR NOT NULL,         -- the printed table (source_tables.table_id)
    row_no         INTEGER NOT NULL,         -- the data row in that table, from 1
    sasaran        VARCHAR,                  -- the strategic objective the indicator serves
    indicator      VARCHAR,                  -- the indicator as printed
    indicator_key  VARCHAR,                  -- catalog key of the indicator (as in performance)
    definition     VARCHAR,                  -- what the indicator measures, as printed
    formula        VARCHAR,                  -- how it is computed, as printed
    data_source    VARCHAR,                  -- where its data come from
    responsible    VARCHAR,                  -- who is responsible for it (penanggung jawab)
    page           INTEGER,                  -- page of the row (PDF / Word)
    line           INTEGER,                  -- line of the row (text input)
    iku_id         VARCHAR PRIMARY KEY,      -- surrogate key '<table_id>:r<row_no>:1'
    UNIQUE (doc_id, table_id, row_no)
);

-- One row per staff count: a unit's staff by a dimension (rank, education, position, …),
-- by sex where printed.
CREATE TABLE IF NOT EXISTS staffing (
    doc_id      VARCHAR NOT NULL,            -- the document (documents.doc_id)
    table_id    VARCHAR NOT NULL,            -- the printed table (source_tables.table_id)
    row_no      INTEGER NOT NULL,            -- the data row in that table, from 1
    unit        VARCHAR,                     -- the org unit counted; NULL on a total row
    dimension   VARCHAR,                     -- jenis_kelamin | golongan | pendidikan | jabatan | kebutuhan | ...
    category    VARCHAR,                     -- the category within the dimension ('III/a', 'S1', 'Jumlah')
    count       DOUBLE,                      -- the number of staff
    page        INTEGER,                     -- page of the row (PDF / Word)
    line        INTEGER,                     -- line of the row (text input)
    sex         VARCHAR,                     -- L | P | NULL for both
    count_text  VARCHAR,                     -- the count as printed
    is_total    BOOLEAN,                     -- the count is a total or subtotal row, not a unit's own
    staffing_id VARCHAR PRIMARY KEY          -- surrogate key '<table_id>:r<row_no>:<n>'
);

-- One row per LPPD key indicator (IKK) or SPM ratio: a numerator over a denominator.
CREATE TABLE IF NOT EXISTS ikk (
    doc_id             VARCHAR NOT NULL,     -- the document (documents.doc_id)
    table_id           VARCHAR NOT NULL,     -- the printed table (source_tables.table_id)
    row_no             INTEGER NOT NULL,     -- the data row of the numerator, from 1
    urusan             VARCHAR,              -- the government affair (urusan) the indicator belongs to
    indicator          VARCHAR,              -- the indicator as printed
    numerator_label    VARCHAR,              -- what the numerator counts, as printed
    numerator          DOUBLE,               -- the numerator as a number
    denominator_label  VARCHAR,              -- what the denominator counts, as printed
    denominator        DOUBLE,               -- the denominator as a number
    capaian_reported   DOUBLE,               -- the ratio (%) the report prints
    page               INTEGER,              -- page of the row (PDF / Word)
    line               INTEGER,              -- line of the row (text input)
    numerator_text     VARCHAR,              -- the numerator as printed
    denominator_text   VARCHAR,              -- the denominator as printed
    capaian_text       VARCHAR,              -- the ratio as printed
    parse_note         VARCHAR,              -- how an ambiguous figure was read
    ikk_id             VARCHAR PRIMARY KEY,  -- surrogate key '<table_id>:r<row_no>:1'
    UNIQUE (doc_id, table_id, row_no)
);

-- Figures stated in the report's prose, for the narrative checks.
CREATE TABLE IF NOT EXISTS claims (
    doc_id      VARCHAR NOT NULL,            -- the document (documents.doc_id)
    line        INTEGER,                     -- line of the sentence (text input)
    page        INTEGER,                     -- page of the sentence (PDF / Word)
    kind        VARCHAR NOT NULL,            -- mean_capaian | budget_absorption | indicator_capaian |
                                             -- indicator_figure | count | band_count | budget_amount |
                                             -- spelled_number | parts_sum | change
    subject     VARCHAR,                     -- the indicator, or what is counted
    year        INTEGER,                     -- the year the claim is about
    value       DOUBLE,                      -- the stated figure as a number
    value_text  VARCHAR,                     -- the stated figure as printed
    text        VARCHAR,                     -- the sentence as printed
    field       VARCHAR,                     -- indicator_figure: target | realisasi | realisasi_target | capaian
    ordinal     INTEGER,                     -- indicator_figure: 'indikator ke-N'
    implied     DOUBLE,                      -- what the sentence itself implies (its words, its parts)
    low         DOUBLE,                      -- band_count: the band's floor
    high        DOUBLE,                      -- band_count: the next band's floor (NULL: open)
    claim_id    VARCHAR PRIMARY KEY          -- surrogate key '<doc_id>:c<n>' (n: order in the document)
);

-- One row per recomputation: a printed figure held against what its inputs give.
CREATE TABLE IF NOT EXISTS checks (
    check_id    VARCHAR PRIMARY KEY,         -- '<doc_id>:<n>'
    doc_id      VARCHAR NOT NULL,            -- the document (documents.doc_id)
    table_id    VARCHAR,                     -- the table the checked figure is printed in (NULL: prose)
    row_no      INTEGER,                     -- the row of the checked figure in that table
    kind        VARCHAR NOT NULL,            -- the check: capaian | budget_capaian | footing | staff_total | ikk |
                                             -- cross_table | predikat | polarity | renstra_progress |
                                             -- efisiensi | summary_mean | narrative | staff_cross
    subject     VARCHAR,                     -- what was checked, in words
    reported    DOUBLE,                      -- the figure as the report prints it
    recomputed  DOUBLE,                      -- the figure recomputed from its inputs
    diff        DOUBLE,                      -- reported − recomputed
    tolerance   DOUBLE,                      -- the largest diff that rounding explains
    status      VARCHAR NOT NULL,            -- ok | mismatch | unverifiable
    formula     VARCHAR,                     -- how recomputed was computed
    detail      VARCHAR,                     -- the working, or why the check could not be made
    page        INTEGER,                     -- page of the checked figure (PDF / Word)
    line        INTEGER,                     -- line of the checked figure (text input)
    row_id      VARCHAR                      -- key of the curated row checked: performance_id, budget_id,
                                             -- ikk_id, staffing_id or claim_id (NULL: a table-level check)
);
