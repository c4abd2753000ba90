/*
 * Progressive enhancement of the ballot (issue #12): the running total of a
 * knapsack ballot (the costs of the ticked plans against the budget) or of a
 * cumulative ballot (the points given against the points to divide) follows every
 * change. Without this script the page shows the total as sent, and the server
 * refuses a ballot over the budget or the points with a clear error, keeping the
 * choices.
 */
(function () {
  "use strict";

  function euro(cents) {
    var negative = cents < 0;
    cents = Math.abs(cents);
    var euros = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var rest = cents % 100;
    var text = "\u20ac\u00a0" + euros + (rest ? "," + (rest < 10 ? "0" : "") + rest : "");
    return (negative ? "-" : "") + text;
  }

  function total(form, kind) {
    var sum = 0;
    if (kind === "money") {
      form.querySelectorAll('input[type="checkbox"][data-cost]').forEach(function (box) {
        if (box.checked) {
          sum += parseInt(box.getAttribute("data-cost"), 10) || 0;
        }
      });
    } else {
      form.querySelectorAll('input[type="number"]').forEach(function (input) {
        var value = parseInt(input.value, 10);
        if (value > 0) {
          sum += value;
        }
      });
    }
    return sum;
  }

  function start() {
    var shown = document.querySelector("[data-ballot-total]");
    if (!shown) {
      return;
    }
    var form = shown.closest("form");
    var kind = shown.getAttribute("data-kind");
    var limit = parseInt(shown.getAttribute("data-limit"), 10);
    var value = shown.querySelector("[data-ballot-total-value]");
    var over = shown.querySelector("[data-ballot-total-over]");
    function update() {
      var sum = total(form, kind);
      value.textContent = kind === "money" ? euro(sum) : String(sum);
      if (over) {
        over.hidden = !(sum > limit);
      }
      shown.classList.toggle("ballot-total--over", sum > limit);
    }
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
