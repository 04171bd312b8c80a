"""HTML fragments of the widgets: role picker, learning paths, path bar,
dashboard, learning log and quizzes. The only place that knows Material's CSS
classes; the browser scripts in templates/assets/academy add behaviour to this
markup.

May import core/ and scoring/.
"""
