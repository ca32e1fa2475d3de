"""Charts for the analytics (QtCharts), each in a panel with a title and "Save as PNG…".

QtCharts comes with PySide6-Addons; it draws with Qt itself (fonts, palette, high-DPI), which is why it
was chosen over pyqtgraph (see docs/ARCHITECTURE.md "Analytics"). The helpers take plain lists, so a
page only says what to draw.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# Colour-blind-safe series colours (Okabe–Ito), in the order series are added.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


def _dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _chart(parent: QWidget) -> QChart:
    chart = QChart()
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if _dark(parent) else QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # a chart appears at once, and grabs whole
    if _dark(parent):
        chart.setBackgroundBrush(parent.palette().color(QPalette.ColorRole.Base))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _value_axis(top: float, percent: bool) -> QValueAxis:
    axis = QValueAxis()
    if percent:
        axis.setRange(0, 100)
        axis.setLabelFormat("%.0f%%")
    else:
        axis.setRange(0, max(top, 1) * 1.1)
        axis.applyNiceNumbers()
        axis.setLabelFormat("%.1f" if top < 10 else "%.0f")
    return axis


MAX_LABEL = 12  # characters of a category name on an axis; the table beside the chart has the whole name


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"


def bars(parent: QWidget, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], *,
         horizontal: bool = False, percent: bool = False, values_shown: bool = False) -> QChart:
    """Grouped bars: one set per (name, values); values None are drawn as 0. percent: values are
    fractions, drawn as 0-100 %. values_shown: each bar carries its value."""
    chart = _chart(parent)
    group = QHorizontalBarSeries() if horizontal else QBarSeries()
    top = 0.0
    text = parent.palette().color(QPalette.ColorRole.WindowText)
    for i, (name, values) in enumerate(series):
        bar = QBarSet(name)
        bar.setColor(QColor(COLOURS[i % len(COLOURS)]))
        bar.setLabelColor(text)  # the theme's default is white, unreadable on a light chart
        for v in values:
            value = (v or 0) * (100 if percent else 1)
            bar.append(value)
            top = max(top, value)
        group.append(bar)
    if values_shown:
        group.setLabelsVisible(True)
        group.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        group.setLabelsFormat("@value")
    chart.addSeries(group)
    categories = QBarCategoryAxis()
    categories.append([_short(x) for x in labels])
    categories.setTruncateLabels(False)  # Qt would cut every CJK name to "…" in a narrow chart
    values_axis = _value_axis(top, percent)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    group.attachAxis(categories)
    group.attachAxis(values_axis)
    chart.legend().setVisible(len(series) > 1)
    return chart


def lines(parent: QWidget, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]) -> QChart:
    """Lines over categories (months), naming at most 8 of them so the labels stay readable."""
    chart = _chart(parent)
    x = QCategoryAxis()
    x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    x.setRange(0, max(len(labels) - 1, 1))
    x.setTruncateLabels(False)
    step = max(1, -(-len(labels) // 8))
    for j in range(0, len(labels), step):
        x.append(labels[j], j)
    y = QValueAxis()
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    top = 0.0
    for i, (name, values) in enumerate(series):
        line = QLineSeries()
        line.setName(name)
        line.setColor(QColor(COLOURS[i % len(COLOURS)]))
        line.append([QPointF(j, float(v)) for j, v in enumerate(values)])
        top = max([top, *values])
        chart.addSeries(line)
        line.attachAxis(x)
        line.attachAxis(y)
    y.setRange(0, max(top, 1) * 1.1)
    y.applyNiceNumbers()
    y.setLabelFormat("%.0f")
    chart.legend().setVisible(len(series) > 1)
    return chart


class ChartPanel(QWidget):
    """A titled chart with a button to save it as a PNG image."""

    sig_saved = Signal(str)
    """A chart was saved: the file's path."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setObjectName("sectionTitle")
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(220)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.save_btn = QToolButton()
        self.save_btn.setText(self.tr("Save as PNG…"))
        self.save_btn.setToolTip(self.tr("Save this chart as an image"))
        self.save_btn.clicked.connect(self._ask_and_save)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.save_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)

    def set_chart(self, chart: QChart) -> None:
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def save_png(self, path: str | Path) -> Path:
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.view.grab().save(str(path), "PNG"):
            raise OSError(self.tr("Cannot write {path}").replace("{path}", str(path)))
        self.sig_saved.emit(str(path))
        return path

    def _ask_and_save(self) -> None:
        name = self.title.text().replace("/", "-") or "chart"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the chart as"), f"{name}.png",
                                              self.tr("PNG images (*.png)"))
        if not path:
            return
        try:
            self.save_png(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), str(exc))
