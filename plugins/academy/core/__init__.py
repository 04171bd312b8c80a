"""Reading and checking what trainers write: the SPCM model, pages' front matter,
quiz banks, learning paths, widget placeholders, and the check pipeline that the
build, `academy check` and `academy publish` all run (course.py).

Pure: the standard library and PyYAML only. No MkDocs, no HTML, no printing;
problems are returned as `Problem(path, line, column, message, hint)` values.
"""
