-- Every row accounted for (issue 13): per file, the records it held are the rows loaded, rejected and merged
-- as duplicates. A manifest row written before the accounting columns existed has no rows_in and is skipped.
select source_file, rows_in, rows_loaded, rows_rejected, rows_duplicate
from {{ ref('stg_loader__landing_files') }}
where rows_in is not null
  and rows_in <> coalesce(rows_loaded, 0) + coalesce(rows_rejected, 0) + coalesce(rows_duplicate, 0)
