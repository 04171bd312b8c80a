"""The `academy` command for trainers, a thin adapter over the other folders.

main.py parses the command line; each subcommand (check, new, score, report,
publish, search) is a module with HELP, add_arguments() and run(). settings.py
is the command's only import of MkDocs: it reads mkdocs.yml the way the build
does. May import every folder except mkdocs_plugin/.
"""
