"""Classroom tools: hand-in files, reading a folder of them, and the class results report.

    handin.py      hand_in(case, student=None) -> Path, HandInButton(case, student=None)
    submission.py  the submission format (widgets/core/schemas/submission.schema.json) and a never-writing folder reader
    results.py     class_results(folder, case=None) -> ClassResults (.write_html, .write_csv); `python -m widgets results`
    report.py      the self-contained HTML page (widgets/core/render/templates/report.html.j2) and its charts
    demo.py        a simulated class driven through the real widgets, for the instructor notebook and the tests
"""
