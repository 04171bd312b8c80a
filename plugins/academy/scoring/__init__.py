"""Everything that turns a trainee's answers into SPCM levels: the scoring input
of a quiz (spec.py), the ladder rule (ladder.py, ported to the browser as
assets/academy/scoring.js) and the JSON shapes both read and write (types.py),
exported result files (result_files.py) and the item statistics of a cohort
(item_analysis.py).

May import core/ only.
"""
