from graphsvc.main import app

app()
