"""`academy report`: a cohort report from trainees' exported result files, or from
the learning records a Learning Record Store holds (lrs.py: the same attempts,
re-scored by the same code).

attempts.py reads and re-scores the files (in parallel for large folders),
cohort.py turns attempts into trainee profiles and item analyses,
charts.py draws inline SVG, page.py writes the HTML, tables.py the CSV files.
None of these modules knows MkDocs.

Assessed quizzes (graded here, not in the browser) will add response files
without a `score`: attempts.py already treats a missing score as "graded by
this report" rather than as an altered file, so such files flow through the
same pipeline once the quiz keys are available to `rescore_file`.
"""
