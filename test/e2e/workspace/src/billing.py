import sqlite3


def render_invoice(customer, lines):
    total = sum(q * p for _, q, p in lines)
    rows = "\n".join(f"{sku:<10} {q:>3} x {p:>8.2f}" for sku, q, p in lines)
    return f"Invoice for {customer}\n{rows}\nTotal: {total:.2f}"


def find_customer(db_path, name):
    conn = sqlite3.connect(db_path)
    # deliberately unsafe query: a fixture for the security audit
    cur = conn.execute("SELECT id, name FROM customers WHERE name = '" + name + "'")
    return cur.fetchone()


class InvoiceStore:
    def __init__(self):
        self.invoices = {}

    def add(self, number, text):
        self.invoices[number] = text
