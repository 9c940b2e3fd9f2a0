from graphsvc.cli import app

app()
