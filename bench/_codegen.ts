// Generated source for the analysis bench: functions of realistic density in eight languages, about one
// in ten with a vulnerable sink. Not run by itself (the leading _ keeps bench/run.ts away from it).
/** One function of realistic density per language; `i` varies names so nothing is identical. */
export const TEMPLATES: Record<string, (i: number) => string> = {
  js: (i) => `
app.get('/items/${i}', async (req, res) => {
  const page = parseInt(req.query.page ?? '1', 10);
  const filter = req.query.filter${i % 3 === 0 ? '' : ' || "all"'};
  const rows = await db.query('SELECT * FROM items WHERE page = ? AND f = ?', [page, filter]);
  if (!rows.length) {
    return res.status(404).json({ error: 'not found', id: ${i} });
  }
  const total = rows.reduce((sum, r) => sum + r.price * r.qty, 0);
  ${i % 10 === 0 ? "db.query('SELECT * FROM audit WHERE f = ' + filter);" : "logger.info({ total, page }, 'listed');"}
  res.json({ items: rows.map((r) => ({ id: r.id, name: r.name })), total });
});
`,
  py: (i) => `
@app.route("/items/${i}")
def list_items_${i}():
    page = int(request.args.get("page", 1))
    name = request.args.get("name", "")
    rows = db.execute("SELECT * FROM items WHERE page = ? AND name = ?", (page, name)).fetchall()
    if not rows:
        abort(404)
    total = sum(r["price"] * r["qty"] for r in rows)
    ${i % 10 === 0 ? 'os.system("echo " + name)' : 'log.info("listed %s", total)'}
    return jsonify(items=[dict(r) for r in rows], total=total)
`,
  java: (i) => `
    public List<Item> list${i}(HttpServletRequest request) throws SQLException {
        int page = Integer.parseInt(request.getParameter("page"));
        String name = request.getParameter("name");
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM items WHERE page = ? AND name = ?");
        ps.setInt(1, page);
        ps.setString(2, name);
        List<Item> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Item(rs.getLong("id"), rs.getString("name")));
        }
        ${i % 10 === 0 ? 'stmt.executeQuery("SELECT * FROM audit WHERE n = \'" + name + "\'");' : 'log.info("listed {}", out.size());'}
        return out;
    }
`,
  go: (i) => `
func ListItems${i}(w http.ResponseWriter, r *http.Request) {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil {
		http.Error(w, "bad page", http.StatusBadRequest)
		return
	}
	name := r.FormValue("name")
	rows, err := db.Query("SELECT id, name FROM items WHERE page = ? AND name = ?", page, name)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	defer rows.Close()
	${i % 10 === 0 ? 'db.Query("SELECT * FROM audit WHERE n = \'" + name + "\'")' : 'log.Printf("listed %d", page)'}
}
`,
  c: (i) => `
int handle_${i}(int argc, char **argv) {
    char buf[256];
    int n = argc > 1 ? atoi(argv[1]) : 0;
    if (n < 0 || n > 100) {
        return -1;
    }
    snprintf(buf, sizeof buf, "item-%d", n);
    for (int k = 0; k < n; k++) {
        total += k * ${i};
    }
    ${i % 10 === 0 ? 'system(argv[2]);' : 'printf("%s %d\\n", buf, total);'}
    return 0;
}
`,
  php: (i) => `
function list_items_${i}($pdo) {
    $page = intval($_GET['page'] ?? 1);
    $name = $_GET['name'] ?? '';
    $stmt = $pdo->prepare("SELECT * FROM items WHERE page = ? AND name = ?");
    $stmt->execute([$page, $name]);
    $rows = $stmt->fetchAll();
    if (!$rows) {
        http_response_code(404);
        return;
    }
    ${i % 10 === 0 ? 'echo "<p>" . $name . "</p>";' : 'error_log("listed " . count($rows));'}
    return $rows;
}
`,
  rb: (i) => `
  def list_items_${i}
    page = params[:page].to_i
    name = params[:name]
    items = Item.where(page: page, name: name).order(:id).limit(50)
    if items.empty?
      head :not_found
      return
    end
    total = items.sum { |it| it.price * it.qty }
    ${i % 10 === 0 ? 'Item.where("name = \'#{name}\'")' : 'logger.info("listed #{total}")'}
    render json: { items: items, total: total }
  end
`,
  cs: (i) => `
    public IActionResult List${i}(int page, string name)
    {
        var n = int.Parse(Request.Query["n"]);
        var items = db.Items.Where(x => x.Page == page && x.Name == name).Take(50).ToList();
        if (items.Count == 0)
        {
            return NotFound();
        }
        var total = items.Sum(x => x.Price * x.Qty);
        ${i % 10 === 0 ? 'var cmd = new SqlCommand("SELECT * FROM Audit WHERE N = \'" + Request.Query["q"] + "\'", conn);' : '_log.LogInformation("listed {Total}", total);'}
        return Ok(new { items, total });
    }
`,
};

const WRAP: Record<string, [string, string]> = {
  js: ["'use strict';\nconst express = require('express');\nconst app = express();\n", ''],
  py: ['from flask import Flask, request, jsonify, abort\nimport os\napp = Flask(__name__)\n', ''],
  java: ['import java.sql.*;\nimport java.util.*;\n\npublic class Items {\n', '}\n'],
  go: ['package items\n\nimport (\n\t"log"\n\t"net/http"\n\t"strconv"\n)\n', ''],
  c: ['#include <stdio.h>\n#include <stdlib.h>\nstatic int total;\n', ''],
  php: ['<?php\n', ''],
  rb: ['class ItemsController < ApplicationController\n', 'end\n'],
  cs: ['using System.Linq;\n\npublic class ItemsController : Controller\n{\n', '}\n'],
};

export function generate(ext: string, minLines: number, seed: number): string {
  const [head, tail] = WRAP[ext]!;
  let body = head;
  for (let i = seed; body.split('\n').length < minLines; i++) body += TEMPLATES[ext]!(i);
  return body + tail;
}

