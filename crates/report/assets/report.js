// Draws the report's charts with Apache ECharts from the section tables embedded in the page.
// Each chart element is marked drawn (the data-drawn attribute) once ECharts has rendered it, and the body counts them in data-charts-drawn, so a headless browser can check the charts were drawn.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("tt-data").textContent);
  var drawn = 0;
  var usd = function (v) {
    if (Math.abs(v) >= 1e6) return "$" + (v / 1e6).toFixed(1) + "M";
    if (Math.abs(v) >= 1e3) return "$" + (v / 1e3).toFixed(1) + "k";
    return "$" + Math.round(v);
  };
  var col = function (table, name) {
    return table.columns.indexOf(name);
  };

  function bars(table) {
    var b = col(table, table.columns[0]);
    var v = col(table, "value_usd");
    var rows = table.rows.slice(0, 15).reverse();
    return {
      animation: false,
      grid: { left: 140, right: 40, top: 10, bottom: 30 },
      tooltip: { trigger: "axis", valueFormatter: usd },
      xAxis: { type: "value", axisLabel: { formatter: usd } },
      yAxis: { type: "category", data: rows.map(function (r) { return String(r[b]); }) },
      series: [{ type: "bar", data: rows.map(function (r) { return r[v]; }), itemStyle: { color: "#3b6ea8" } }]
    };
  }

  function monthly(table) {
    var m = col(table, "month"), g = col(table, "brand_group"), v = col(table, "value_usd");
    var months = [], groups = [], cells = {};
    table.rows.forEach(function (r) {
      if (months.indexOf(r[m]) < 0) months.push(r[m]);
      if (groups.indexOf(r[g]) < 0) groups.push(r[g]);
      cells[r[m] + "\u0000" + r[g]] = r[v];
    });
    months.sort();
    return {
      animation: false,
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 40 },
      tooltip: { trigger: "axis", valueFormatter: usd },
      xAxis: { type: "category", data: months },
      yAxis: { type: "value", axisLabel: { formatter: usd } },
      series: groups.map(function (grp) {
        return {
          name: grp, type: "bar", stack: "value",
          data: months.map(function (mo) { return cells[mo + "\u0000" + grp] || 0; })
        };
      })
    };
  }

  function sankey(table, to) {
    var o = col(table, "origin"), d = col(table, "dispatch"), v = col(table, "value_usd");
    var names = {}, links = {};
    var add = function (a, b, value) {
      names[a] = true; names[b] = true;
      links[a + "\u0000" + b] = (links[a + "\u0000" + b] || 0) + value;
    };
    table.rows.forEach(function (r) {
      add(r[o] + " (origin)", r[d] + " (dispatch)", r[v]);
      add(r[d] + " (dispatch)", to, r[v]);
    });
    return {
      animation: false,
      tooltip: { trigger: "item", valueFormatter: usd },
      series: [{
        type: "sankey", left: 10, right: 90, top: 10, bottom: 10,
        emphasis: { focus: "adjacency" },
        data: Object.keys(names).sort().map(function (n) { return { name: n }; }),
        links: Object.keys(links).sort().map(function (k) {
          var p = k.split("\u0000");
          return { source: p[0], target: p[1], value: links[k] };
        }),
        lineStyle: { color: "gradient", curveness: 0.5 }
      }]
    };
  }

  var charts = document.querySelectorAll("[data-chart]");
  charts.forEach(function (el) {
    var section = data.sections[el.getAttribute("data-section")];
    var kind = el.getAttribute("data-chart");
    var option = kind === "bars" ? bars(section) : kind === "monthly_stacked" ? monthly(section) : sankey(section, data.to);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.on("finished", function () {
      if (el.getAttribute("data-drawn") !== "true") {
        el.setAttribute("data-drawn", "true");
        drawn += 1;
        document.body.setAttribute("data-charts-drawn", String(drawn));
      }
    });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
