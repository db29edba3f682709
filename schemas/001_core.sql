-- kinerja curated schema, version 1.
-- Column names are a contract: analysts' SQL and the audit tools depend on them.
-- Add columns freely; never rename one.

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER NOT NULL,
    applied_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id            VARCHAR PRIMARY KEY,   -- stable: derived from the file's sha256
    file_name         VARCHAR NOT NULL,
    source_path       VARCHAR NOT NULL,
    sha256            VARCHAR NOT NULL,
    format            VARCHAR NOT NULL,      -- text | markdown | pdf | docx
    doc_type          VARCHAR,               -- LKjIP | LPPD | Renja | RKT | PK | IKU | Renstra | Cascading | Evaluasi Renja | unknown
    entity            VARCHAR,
    region            VARCHAR,
    fiscal_year       INTEGER,
    n_pages           INTEGER,
    status            VARCHAR NOT NULL,      -- ok | partial | failed
    error             VARCHAR,
    extracted_at      TIMESTAMP NOT NULL,
    pipeline_version  VARCHAR NOT NULL,
    n_lines           INTEGER,
    n_tables          INTEGER,
    warnings          JSON,
    metadata_notes    JSON
);

CREATE TABLE IF NOT EXISTS source_tables (
    table_id    VARCHAR PRIMARY KEY,         -- '<doc_id>:t<index>'
    doc_id      VARCHAR NOT NULL,
    label       VARCHAR,                     -- printed caption number: 'Tabel 3.4'
    caption     VARCHAR,
    kind        VARCHAR NOT NULL,
    page_start  INTEGER,
    page_end    INTEGER,
    line_start  INTEGER,
    line_end    INTEGER,
    n_rows      INTEGER NOT NULL,
    n_cols      INTEGER NOT NULL,
    header      JSON,                        -- flattened column names
    cells       JSON,                        -- [[{"text":..,"line":..,"page":..}, ...], ...]
    table_index INTEGER,
    pieces      INTEGER,
    kind_reason VARCHAR,
    notes       JSON,
    header_cells    JSON,                    -- the printed header rows, cells with line/page
    set_aside_cells JSON                     -- repeated headers, column-number rows, joined tails
);

CREATE TABLE IF NOT EXISTS performance (
    doc_id            VARCHAR NOT NULL,
    table_id          VARCHAR NOT NULL,
    row_no            INTEGER NOT NULL,
    sasaran           VARCHAR,
    indicator         VARCHAR,
    indicator_key     VARCHAR,
    unit              VARCHAR,
    year              INTEGER,
    measure           VARCHAR,
    target            DOUBLE,
    target_text       VARCHAR,
    realisasi         DOUBLE,
    realisasi_text    VARCHAR,
    capaian_reported  DOUBLE,
    predikat_reported VARCHAR,
    page              INTEGER,
    line              INTEGER,
    capaian_text      VARCHAR,
    unit_printed      VARCHAR,
    target_before     DOUBLE,                -- the target before a mid-year change (Sebelum)
    target_low        DOUBLE,                -- a target printed as a range ('Baik (B) 60-70')
    target_high       DOUBLE,
    program           VARCHAR,
    name              VARCHAR,               -- programme / kegiatan the indicator measures
    level             VARCHAR,
    org_unit          VARCHAR,
    provisional       BOOLEAN,
    polarity          VARCHAR,               -- positive | negative (lower is better) | NULL
    catalog_match     VARCHAR,               -- how indicator_key was found: exact | alias | fuzzy:NN | own
    parse_note        VARCHAR
);

CREATE TABLE IF NOT EXISTS budget (
    doc_id            VARCHAR NOT NULL,
    table_id          VARCHAR NOT NULL,
    row_no            INTEGER NOT NULL,
    level             VARCHAR,               -- program | kegiatan | sub_kegiatan | unit | total | other
    parent_row_no     INTEGER,
    unit              VARCHAR,               -- org unit (a kelurahan section)
    code              VARCHAR,
    name              VARCHAR,
    name_key          VARCHAR,
    pagu_before       DOUBLE,
    pagu              DOUBLE,
    realisasi         DOUBLE,
    capaian_reported  DOUBLE,
    page              INTEGER,
    line              INTEGER,
    year              INTEGER,
    measure           VARCHAR,
    sisa              DOUBLE,
    change            DOUBLE,
    scale             INTEGER,
    realisasi_tw1     DOUBLE,                -- quarterly realisation where printed
    realisasi_tw2     DOUBLE,
    realisasi_tw3     DOUBLE,
    realisasi_tw4     DOUBLE,
    pagu_text         VARCHAR,
    realisasi_text    VARCHAR,
    capaian_text      VARCHAR,
    pagu_before_text  VARCHAR,
    parse_note        VARCHAR,
    realisasi_tw1_text VARCHAR,              -- the quarterly amounts as printed
    realisasi_tw2_text VARCHAR,
    realisasi_tw3_text VARCHAR,
    realisasi_tw4_text VARCHAR
);

CREATE TABLE IF NOT EXISTS iku (
    doc_id         VARCHAR NOT NULL,
    table_id       VARCHAR NOT NULL,
    row_no         INTEGER NOT NULL,
    sasaran        VARCHAR,
    indicator      VARCHAR,
    indicator_key  VARCHAR,
    definition     VARCHAR,
    formula        VARCHAR,
    data_source    VARCHAR,
    responsible    VARCHAR,
    page           INTEGER,
    line           INTEGER
);

CREATE TABLE IF NOT EXISTS staffing (
    doc_id      VARCHAR NOT NULL,
    table_id    VARCHAR NOT NULL,
    row_no      INTEGER NOT NULL,
    unit        VARCHAR,
    dimension   VARCHAR,                     -- jenis_kelamin | golongan | pendidikan | jabatan | kebutuhan | ...
    category    VARCHAR,
    count       DOUBLE,
    page        INTEGER,
    line        INTEGER,
    sex         VARCHAR,                     -- L | P | NULL for both
    count_text  VARCHAR,
    is_total    BOOLEAN
);

CREATE TABLE IF NOT EXISTS ikk (
    doc_id             VARCHAR NOT NULL,
    table_id           VARCHAR NOT NULL,
    row_no             INTEGER NOT NULL,
    urusan             VARCHAR,
    indicator          VARCHAR,
    numerator_label    VARCHAR,
    numerator          DOUBLE,
    denominator_label  VARCHAR,
    denominator        DOUBLE,
    capaian_reported   DOUBLE,
    page               INTEGER,
    line               INTEGER,
    numerator_text     VARCHAR,
    denominator_text   VARCHAR,
    capaian_text       VARCHAR,
    parse_note         VARCHAR
);

-- Figures stated in the report's prose, for the narrative checks.
CREATE TABLE IF NOT EXISTS claims (
    doc_id      VARCHAR NOT NULL,
    line        INTEGER,
    page        INTEGER,
    kind        VARCHAR NOT NULL,            -- mean_capaian | budget_absorption | indicator_capaian |
                                             -- indicator_figure | count | band_count | budget_amount |
                                             -- spelled_number | parts_sum | change
    subject     VARCHAR,                     -- the indicator, or what is counted
    year        INTEGER,
    value       DOUBLE,
    value_text  VARCHAR,
    text        VARCHAR,                     -- the sentence as printed
    field       VARCHAR,                     -- indicator_figure: target | realisasi | realisasi_target | capaian
    ordinal     INTEGER,                     -- indicator_figure: 'indikator ke-N'
    implied     DOUBLE,                      -- what the sentence itself implies (its words, its parts)
    low         DOUBLE,                      -- band_count: the band's floor
    high        DOUBLE                       -- band_count: the next band's floor (NULL: open)
);

CREATE TABLE IF NOT EXISTS checks (
    check_id    VARCHAR PRIMARY KEY,
    doc_id      VARCHAR NOT NULL,
    table_id    VARCHAR,
    row_no      INTEGER,
    kind        VARCHAR NOT NULL,
    subject     VARCHAR,
    reported    DOUBLE,
    recomputed  DOUBLE,
    diff        DOUBLE,
    tolerance   DOUBLE,
    status      VARCHAR NOT NULL,            -- ok | mismatch | unverifiable
    formula     VARCHAR,
    detail      VARCHAR,
    page        INTEGER,
    line        INTEGER
);
