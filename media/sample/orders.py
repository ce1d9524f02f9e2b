"""Sample code for the CodeTune walkthrough: one injection, one slow loop, no tests."""
import sqlite3


def find_orders(conn: sqlite3.Connection, customer: str):
    # user input concatenated into SQL: Security Audit reports CWE-89 here
    query = "SELECT id, total FROM orders WHERE customer = '" + customer + "'"
    return conn.execute(query).fetchall()


def total_by_customer(orders):
    # quadratic: Optimize suggests a dictionary
    customers = []
    for order in orders:
        if order["customer"] not in customers:
            customers.append(order["customer"])
    totals = []
    for c in customers:
        s = 0
        for order in orders:
            if order["customer"] == c:
                s += order["total"]
        totals.append((c, s))
    return totals
