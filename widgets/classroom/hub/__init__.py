"""The classroom on JupyterHub: a hand-in service (a managed hub service) and the kernel's side of it.

    service.py  the tornado service under /services/handin/: identity from the hub, 403 for anyone else
    store.py    SQLite (WAL) with a schema version and migrations; every hand-in kept, nothing overwritten
    rules.py    the one place that applies the class report's rules (widgets/classroom) to posted hand-ins
    views.py    the class summary as JSON, the live class page and the names-free projector page
    client.py   what "Hand in my work" uses to send a hand-in to the service from a kernel under the hub
    demo.py     `make hub`: a local demo hub (hub/jupyterhub_config.py) with a teacher and 30 students

Nothing here imports ipywidgets: the service runs beside the hub, not in a kernel.
"""
