<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <source>The first administrator</source>
        <translation>第一位管理员</translation>
    </message>
    <message>
        <source>Administrators set up units, studios and people and look after the data.</source>
        <translation>管理员负责设置单位、工作室和人员，并照管数据。</translation>
    </message>
    <message>
        <source>e.g. 张工</source>
        <translation>例如 张工</translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>至少 %n 位</numerusform>
        </translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>再输一遍</translation>
    </message>
    <message>
        <source>With a number other than admin, the built-in account admin (which the ideabank command acts as) gets the same password.</source>
        <translation>如果工号不是 admin，内置账号 admin（ideabank 命令行以它的身份操作）也会设为同一密码。</translation>
    </message>
    <message>
        <source>The two passwords differ; type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>AnalyticsPage</name>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>自定日期</translation>
    </message>
    <message>
        <source>All studios</source>
        <translation>全部工作室</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>Figures count only the projects you may see.</source>
        <translation>统计只包括您有权查看的项目。</translation>
    </message>
    <message>
        <source>Secret projects are counted only for their authors, their studio&apos;s leader and administrators; drafts only for their authors.</source>
        <translation>秘密级项目只计入其作者、所在工作室领衔人和管理员的统计；草稿只计入作者本人的统计。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Adoption rate</source>
        <translation>采纳率</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参与人数</translation>
    </message>
    <message>
        <source>Expected benefit (yuan/yr)</source>
        <translation>预期效益（元/年）</translation>
    </message>
    <message>
        <source>Measured benefit (yuan/yr)</source>
        <translation>实测效益（元/年）</translation>
    </message>
    <message>
        <source>ROI (benefit ÷ investment)</source>
        <translation>投资回报率（效益÷投入）</translation>
    </message>
    <message>
        <source>Payback (months)</source>
        <translation>投资回收期（月）</translation>
    </message>
    <message>
        <source>Funnel and time in stage</source>
        <translation>阶段漏斗与用时</translation>
    </message>
    <message>
        <source>Stage funnel</source>
        <translation>阶段漏斗</translation>
    </message>
    <message>
        <source>Time in stage (days)</source>
        <translation>各阶段用时（天）</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>按单位</translation>
    </message>
    <message>
        <source>Participation and adoption by unit</source>
        <translation>各单位参与率与采纳率</translation>
    </message>
    <message>
        <source>By studio</source>
        <translation>按工作室</translation>
    </message>
    <message>
        <source>Ideas per head by studio</source>
        <translation>各工作室人均项目</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Proposals and adoptions by month</source>
        <translation>每月提交与采纳</translation>
    </message>
    <message>
        <source>Benefit and ROI</source>
        <translation>效益与投资回报</translation>
    </message>
    <message>
        <source>Expected and measured benefit by category</source>
        <translation>各分类预期与实测效益</translation>
    </message>
    <message>
        <source>Contributors</source>
        <translation>贡献者</translation>
    </message>
    <message>
        <source>Top contributors</source>
        <translation>贡献者排行</translation>
    </message>
    <message>
        <source>Export all tables…</source>
        <translation>导出全部表格…</translation>
    </message>
    <message>
        <source>Save every table of the analytics as one .xlsx workbook</source>
        <translation>把统计分析的全部表格保存为一个 .xlsx 工作簿</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>Participation</source>
        <translation>参与率</translation>
    </message>
    <message>
        <source>Ideas per head</source>
        <translation>人均项目</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>已采纳</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>Expected and measured benefit by category (10,000 yuan/yr)</source>
        <translation>各分类预期与实测效益（万元/年）</translation>
    </message>
    <message>
        <source>Export all tables as</source>
        <translation>导出全部表格为</translation>
    </message>
    <message>
        <source>analytics.xlsx</source>
        <translation>统计分析.xlsx</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>BudgetTable</name>
    <message>
        <source>Item</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Total %1 yuan</source>
        <translation>合计 %1 元</translation>
    </message>
    <message>
        <source>Budget row %1: the item is missing.</source>
        <translation>预算第 %1 行：缺少名称。</translation>
    </message>
    <message>
        <source>Budget row %1 (%2): enter the amount in yuan.</source>
        <translation>预算第 %1 行（%2）：请填写金额（元）。</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>Change the campaign</source>
        <translation>修改立功竞赛</translation>
    </message>
    <message>
        <source>New merit competition</source>
        <translation>新建立功竞赛</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>yuan a year = points, e.g. 10000=2，100000=5</source>
        <translation>年效益（元）=积分，如 10000=2，100000=5</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>获奖</translation>
    </message>
    <message>
        <source>Measured benefit</source>
        <translation>实测年效益</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>竞赛时间</translation>
    </message>
    <message>
        <source>Units taking part</source>
        <translation>参赛单位</translation>
    </message>
    <message>
        <source>A ticked unit takes part with every unit below it; none ticked: every unit.</source>
        <translation>勾选的单位连同其下所有单位参赛；都不勾选则全部单位参赛。</translation>
    </message>
    <message>
        <source>Saving the campaign</source>
        <translation>正在保存竞赛</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <source>People</source>
        <translation>个人榜</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>团队榜</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位榜</translation>
    </message>
    <message>
        <source>Studios</source>
        <translation>工作室榜</translation>
    </message>
    <message>
        <source>Export results…</source>
        <translation>导出结果…</translation>
    </message>
    <message>
        <source>The four boards and every person&apos;s points as an .xlsx workbook</source>
        <translation>四个榜单和每人的积分明细，导出为 .xlsx 工作簿</translation>
    </message>
    <message>
        <source>Certificate list…</source>
        <translation>表彰名单…</translation>
    </message>
    <message>
        <source>The first ten places of each board as a PDF list</source>
        <translation>各榜前十名，导出为 PDF 表彰名单</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>新建竞赛…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Dates, units taking part and point rules of this campaign</source>
        <translation>本竞赛的时间、参赛单位和积分规则</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>竞赛</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>榜单</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>积分项</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>{name} ({state})</source>
        <translation>{name}（{state}）</translation>
    </message>
    <message>
        <source>No merit competition yet: an administrator sets one up (New campaign…).</source>
        <translation>还没有立功竞赛：管理员可点“新建竞赛…”设立。</translation>
    </message>
    <message>
        <source>Whole campaign</source>
        <translation>整个竞赛期间</translation>
    </message>
    <message>
        <source>{theme} {start} – {end}; {n} projects entered</source>
        <translation>{theme} {start} 至 {end}；参赛项目 {n} 项</translation>
    </message>
    <message>
        <source>{name} ({no})</source>
        <translation>{name}（{no}）</translation>
    </message>
    <message>
        <source>Choose a person on the people&apos;s board to see their points</source>
        <translation>在个人榜中选择一人，查看其积分明细</translation>
    </message>
    <message>
        <source>{name}: {points} points</source>
        <translation>{name}：共 {points} 分</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save the results as</source>
        <translation>结果另存为</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Save as PNG…</source>
        <translation>保存为图片…</translation>
    </message>
    <message>
        <source>Save this chart as an image</source>
        <translation>把这张图保存为 PNG 图片</translation>
    </message>
    <message>
        <source>Cannot write {path}</source>
        <translation>无法写入 {path}</translation>
    </message>
    <message>
        <source>Save the chart as</source>
        <translation>图表另存为</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>Repair…</source>
        <translation>修复…</translation>
    </message>
    <message>
        <source>Repair what can be repaired; you may name a folder holding good copies of damaged or missing files</source>
        <translation>修复能修复的问题；可指定一个存有损坏或丢失文件完好副本的文件夹</translation>
    </message>
    <message>
        <source>Repaired: %1</source>
        <translation>已修复：%1</translation>
    </message>
    <message>
        <source>Check passed: the database is sound.</source>
        <translation>检查通过：数据库完好。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>发现 %n 处问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder with good copies of the files (Cancel: none)</source>
        <translation>存有文件完好副本的文件夹（取消：没有）</translation>
    </message>
    <message>
        <source>Repairing the database</source>
        <translation>正在修复数据库</translation>
    </message>
    <message>
        <source>Checking the database</source>
        <translation>正在检查数据库</translation>
    </message>
</context>
<context>
    <name>CompliancePage</name>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Add a record…</source>
        <translation>记一条台账…</translation>
    </message>
    <message>
        <source>An activity, a study session or a reward of this studio</source>
        <translation>本工作室的一次活动、学习或奖励</translation>
    </message>
    <message>
        <source>Export ledger…</source>
        <translation>导出台账…</translation>
    </message>
    <message>
        <source>The studio&apos;s ledger for the year as an .xlsx workbook</source>
        <translation>把工作室本年度台账导出为 .xlsx 工作簿</translation>
    </message>
    <message>
        <source>{n} of {total} studios have all six.</source>
        <translation>{total} 个工作室中 {n} 个“六有”齐全。</translation>
    </message>
    <message>
        <source>Choose a studio above</source>
        <translation>请在上方选择一个工作室</translation>
    </message>
    <message>
        <source>Export the ledger as</source>
        <translation>台账另存为</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saving the studio ledger</source>
        <translation>正在保存工作室台账</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>Show settled ones</source>
        <translation>显示已处理的</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation type="vanished">保留的值</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>另一个值</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Keep the value kept</source>
        <translation type="vanished">保留现值</translation>
    </message>
    <message>
        <source>Use the other value</source>
        <translation>改用另一个值</translation>
    </message>
    <message>
        <source>Delete the record</source>
        <translation>删除该记录</translation>
    </message>
    <message>
        <source>Open the project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>When two places changed the same thing before synchronising, the later change is kept and the other is listed here, so nothing typed is lost. Leaders settle their studio&apos;s conflicts; everyone sees the changes of theirs the hub refused.</source>
        <translation>两处在同步前改了同一处内容时，保留较晚的修改，另一个值列在这里，录入的内容不会丢失。工作室领衔人处理本工作室的冲突；每个人都能看到自己被中心库拒绝的修改。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>已处理</translation>
    </message>
    <message numerus="yes">
        <source>%n open conflict(s)</source>
        <translation>
            <numerusform>%n 个待处理的冲突</numerusform>
        </translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>现值</translation>
    </message>
    <message>
        <source>Keep the current value</source>
        <translation>保留现值</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Kiosk: propose an idea as %1</source>
        <translation>自助终端：以 %1 的身份提出创意</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>谢谢</translation>
    </message>
    <message>
        <source>Your idea was submitted. Your studio leader will confirm and review it; you will find the answer under your notices.</source>
        <translation>你的创意已提交。工作室领衔人会确认并评审，结果会出现在你的“通知”里。</translation>
    </message>
    <message>
        <source>Today&apos;s notices</source>
        <translation>今日通知</translation>
    </message>
</context>
<context>
    <name>DamagedOffer</name>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>Restore the backup of %1</source>
        <translation>恢复 %1 的备份</translation>
    </message>
    <message>
        <source>Start with an empty bank</source>
        <translation>从空库开始</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>DeliveryStatus</name>
    <message>
        <source>Delivering warnings</source>
        <translation>正在投递预警</translation>
    </message>
    <message>
        <source>{n} new notices and {d} digests; {w} warnings in all</source>
        <translation>新送达通知 {n} 条、日报 {d} 份；预警共 {w} 条</translation>
    </message>
    <message>
        <source>Warnings delivered {time}</source>
        <translation>预警已送达 {time}</translation>
    </message>
    <message>
        <source>Warnings not delivered</source>
        <translation>预警未能送达</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Withdraw to draft</source>
        <translation>撤回为草稿</translation>
    </message>
    <message>
        <source>Revise and resubmit</source>
        <translation>修改后重新提交</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>开始攻关</translation>
    </message>
    <message>
        <source>Mark completed</source>
        <translation>标记为已完成</translation>
    </message>
    <message>
        <source>Send to incubation</source>
        <translation>进入孵化</translation>
    </message>
    <message>
        <source>Mark promoted</source>
        <translation>标记为已推广</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交评审</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>评审…</translation>
    </message>
    <message>
        <source>Confirm kiosk proposal</source>
        <translation>确认自助终端提案</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Drop files here to attach them. Double-click to open.</source>
        <translation>把文件拖到这里即可添加附件；双击打开。</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Write a comment; type @ to mention someone</source>
        <translation>写评论；输入 @ 可提到某人</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Discussion</source>
        <translation>讨论</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>评审</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Select a project in the list to see it here.</source>
        <translation>在左侧列表中选择一个项目，这里显示它的详情。</translation>
    </message>
    <message>
        <source>Kiosk proposal, not yet confirmed</source>
        <translation>自助终端提案，尚待确认</translation>
    </message>
    <message numerus="yes">
        <source>Withdraw vote (%n)</source>
        <translation>
            <numerusform>取消点赞（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Vote (%n)</source>
        <translation>
            <numerusform>点赞（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Export dossier…</source>
        <translation>导出成果档案…</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Proposer and co-authors</source>
        <translation>提出人及合作者</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景（存在的问题）</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>Innovation points</source>
        <translation>创新点</translation>
    </message>
    <message>
        <source>Implementation</source>
        <translation>实施情况</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>技术指标</translation>
    </message>
    <message>
        <source>Expected benefit</source>
        <translation>预期经济效益</translation>
    </message>
    <message>
        <source>%1 yuan/year</source>
        <translation>%1 元/年</translation>
    </message>
    <message>
        <source>Measured benefit</source>
        <translation>实测经济效益</translation>
    </message>
    <message>
        <source>Basis of the benefit</source>
        <translation>效益计算依据</translation>
    </message>
    <message>
        <source>Investment</source>
        <translation>投入（元）</translation>
    </message>
    <message>
        <source>Social benefit</source>
        <translation>社会效益</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>推广应用</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>获奖</translation>
    </message>
    <message>
        <source>Confidentiality</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message numerus="yes">
        <source>Attachments (%n)</source>
        <translation>
            <numerusform>附件（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discussion (%n)</source>
        <translation>
            <numerusform>讨论（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>No reviews yet.</source>
        <translation>还没有评审。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>私人备注</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>已采纳</translation>
    </message>
    <message>
        <source>Not adopted</source>
        <translation>未采纳</translation>
    </message>
    <message>
        <source>Scores only</source>
        <translation>仅评分</translation>
    </message>
    <message>
        <source>Replying to %1 (click elsewhere in the list to change)</source>
        <translation>回复 %1（点列表中其他评论可更换）</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Undo the merge</source>
        <translation>撤销合并</translation>
    </message>
</context>
<context>
    <name>DispatchPage</name>
    <message>
        <source>All my tasks</source>
        <translation>我的全部任务</translation>
    </message>
    <message>
        <source>Sent by me</source>
        <translation>我下达的</translation>
    </message>
    <message>
        <source>For my units</source>
        <translation>我负责的单位</translation>
    </message>
    <message>
        <source>Open and closed</source>
        <translation>进行中和已办结</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Dispatch…</source>
        <translation>一键下达…</translation>
    </message>
    <message>
        <source>Send a task or notice to many units at once</source>
        <translation>把任务或通知一次下达给多个单位</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位数</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>下达人</translation>
    </message>
    <message>
        <source>Choose a task above</source>
        <translation>请在上方选择一项任务</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>催办次数</translation>
    </message>
    <message>
        <source>Latest report</source>
        <translation>最新反馈</translation>
    </message>
    <message>
        <source>Remind…</source>
        <translation>催办…</translation>
    </message>
    <message>
        <source>Remind the selected unit, or every unit still owing a report</source>
        <translation>催办所选单位；未选单位时催办所有尚未反馈的单位</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>验收通过</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>反馈…</translation>
    </message>
    <message>
        <source>Report progress or, with 100 %, the unit&apos;s summary for acceptance</source>
        <translation>反馈进展；进度为 100% 时提交本单位总结，等待验收</translation>
    </message>
    <message>
        <source>Units behind schedule are warned, and their responsible people told.</source>
        <translation>进度落后的单位会产生预警，并通知其责任人。</translation>
    </message>
    <message>
        <source>Tasks: {n}; with units overdue: {late}</source>
        <translation>共 {n} 项任务，其中 {late} 项有单位逾期</translation>
    </message>
    <message>
        <source>{number} {title} — due {due}</source>
        <translation>{number} {title} — 截止 {due}</translation>
    </message>
    <message>
        <source>{kind}: {note}</source>
        <translation>{kind}：{note}</translation>
    </message>
    <message>
        <source>Returned: {reason}</source>
        <translation>已退回：{reason}</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>Remind</source>
        <translation>催办</translation>
    </message>
    <message>
        <source>A note with the reminder (may be empty):</source>
        <translation>催办说明（可不填）：</translation>
    </message>
    <message>
        <source>Return the report</source>
        <translation>退回反馈</translation>
    </message>
    <message>
        <source>Why is {unit}&apos;s report returned?</source>
        <translation>退回{unit}反馈的理由：</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Progress in per cent (100: the summary for acceptance):</source>
        <translation>进度百分比（100：提交总结，等待验收）：</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>办理情况：</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export dossier</source>
        <translation>导出成果档案</translation>
    </message>
    <message>
        <source>Export the listed projects</source>
        <translation>批量导出列表中的项目</translation>
    </message>
    <message>
        <source>Five-small innovation declaration (national_wuxiao)</source>
        <translation type="vanished">职工“五小”创新成果申报书（national_wuxiao）</translation>
    </message>
    <message>
        <source>Company achievement archive (company_archive)</source>
        <translation type="vanished">企业创新成果档案（company_archive）</translation>
    </message>
    <message>
        <source>One PDF per project, into a folder</source>
        <translation>每个项目一个 PDF，存入文件夹</translation>
    </message>
    <message>
        <source>One combined PDF</source>
        <translation>合并为一个 PDF</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message numerus="yes">
        <source>%n project(s) in the current list.</source>
        <translation>
            <numerusform>当前列表中共 %n 个项目。</numerusform>
        </translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the PDF as</source>
        <translation>PDF 另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Folder for the PDF files</source>
        <translation>存放 PDF 文件的文件夹</translation>
    </message>
    <message>
        <source>Choose where to save the export first.</source>
        <translation>请先选择导出文件的保存位置。</translation>
    </message>
    <message>
        <source>Five-small innovation declaration</source>
        <translation>职工“五小”创新成果申报书</translation>
    </message>
    <message>
        <source>Company achievement archive</source>
        <translation>企业创新成果档案</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Exporting the dossier…</source>
        <translation>正在导出成果档案…</translation>
    </message>
    <message>
        <source>Exporting the dossier</source>
        <translation>导出成果档案</translation>
    </message>
    <message>
        <source>Export the listed projects</source>
        <translation>批量导出列表中的项目</translation>
    </message>
    <message>
        <source>The list is empty: there is nothing to export.</source>
        <translation>列表为空，没有可导出的项目。</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n dossier(s)…</source>
        <translation>
            <numerusform>正在导出 %n 份成果档案…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exporting dossiers</source>
        <translation>批量导出成果档案</translation>
    </message>
    <message>
        <source>Stopping after the current dossier…</source>
        <translation>正在停止：当前这份档案写完后结束…</translation>
    </message>
    <message>
        <source>Writing the annual report…</source>
        <translation>正在生成年度报告…</translation>
    </message>
    <message>
        <source>Writing the annual report</source>
        <translation>生成年度报告</translation>
    </message>
    <message>
        <source>Export cancelled: %1 of %2 dossier(s) were written.</source>
        <translation>已取消导出：%2 份中已写出 %1 份（已写出的文件完整可用）。</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n page(s) to %1</source>
        <translation>
            <numerusform>已保存 %n 页到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Export dossier</source>
        <translation>导出成果档案</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>With measured benefit</source>
        <translation>有实测效益</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>保存视图…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>已保存的视图</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>视图：</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All studios</source>
        <translation>全部工作室</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>视图名称：</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>这是一个文件，不是文件夹。</translation>
    </message>
    <message>
        <source>This folder is not empty. Choose an empty or a new folder.</source>
        <translation>这个文件夹不是空的，请选择一个空文件夹或新文件夹。</translation>
    </message>
    <message>
        <source>This folder cannot be written to. Choose another one.</source>
        <translation>这个文件夹不可写，请另选一个。</translation>
    </message>
    <message>
        <source>Welcome to Idea Bank</source>
        <translation>欢迎使用创新智慧库</translation>
    </message>
    <message>
        <source>Creating demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Joining the hub and fetching its data (a large bank takes a few minutes)…</source>
        <translation>正在加入中心库并取回数据（数据多时需要几分钟）…</translation>
    </message>
    <message>
        <source>Creating the bank…</source>
        <translation>正在创建智慧库…</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>Welcome to Idea Bank</source>
        <translation type="vanished">欢迎使用创新智慧库</translation>
    </message>
    <message>
        <source>The bank is empty. Fill it with demo data (a power company with studios, people and 2,000 projects) to try things out?</source>
        <translation type="vanished">智慧库还是空的。要填入演示数据（一家供电公司的工作室、人员和 2000 个项目）来试用吗？</translation>
    </message>
    <message>
        <source>Creating demo data…</source>
        <translation type="vanished">正在生成演示数据…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="vanished">取消</translation>
    </message>
    <message>
        <source>Cannot open the idea bank</source>
        <translation>无法打开创新智慧库</translation>
    </message>
    <message>
        <source>ideabank-gui: %1 is already open in another window; it was brought to the front.</source>
        <translation>ideabank-gui：%1 已在另一个窗口中打开，已将该窗口切换到最前。</translation>
    </message>
    <message>
        <source>Idea Bank</source>
        <translation>创新智慧库</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message>
        <source>Where to keep the data</source>
        <translation>数据存放位置</translation>
    </message>
    <message>
        <source>The database, attachments, search index and automatic backups live in one folder. Back it up with the rest of your documents.</source>
        <translation>数据库、附件、搜索索引和自动备份都放在同一个文件夹里。请和其他文档一起备份它。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Chosen with --data-dir or IDEABANK_HOME.</source>
        <translation>已由 --data-dir 或 IDEABANK_HOME 指定。</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
</context>
<context>
    <name>HubDialog</name>
    <message>
        <source>Synchronise with hub</source>
        <translation>与中心库同步</translation>
    </message>
    <message>
        <source>Sends what changed on this computer to the central hub and brings back what changed elsewhere. Work already synchronised is not sent again; an interrupted sync continues where it stopped.</source>
        <translation>把本机的修改发送到中心库，并取回其他地方的修改。已同步的内容不会重复发送；中断的同步下次会从中断处继续。</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>中心库地址</translation>
    </message>
    <message>
        <source>Synchronise</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法完成</translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address.</source>
        <translation>请填写中心库地址。</translation>
    </message>
</context>
<context>
    <name>HubPage</name>
    <message>
        <source>Join a hub</source>
        <translation>加入中心库</translation>
    </message>
    <message>
        <source>Ask your administrator for the hub&apos;s address; sign in with your hub account.</source>
        <translation>中心库地址请向管理员索取；用你在中心库的账号登录。</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>中心库地址</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address and your employee number.</source>
        <translation>请填写中心库地址和你的工号。</translation>
    </message>
</context>
<context>
    <name>IdeaBoard</name>
    <message>
        <source>Idea board</source>
        <translation>创意看板</translation>
    </message>
    <message>
        <source>Drag a card to another stage to take that step; a move that is not allowed snaps back and the status bar says why. Double-click a card to open the project.</source>
        <translation>把卡片拖到另一阶段即可办理；不允许的移动会退回原处，并在状态栏说明原因。双击卡片打开项目。</translation>
    </message>
    <message>
        <source>All studios</source>
        <translation>全部工作室</translation>
    </message>
    <message>
        <source>The %1 longest in this stage; the list shows them all.</source>
        <translation>此阶段停留最久的 %1 个；列表视图列出全部。</translation>
    </message>
    <message>
        <source>Entered today</source>
        <translation>今天进入此阶段</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) in stage</source>
        <translation>
            <numerusform>已在此阶段 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>A project cannot go from “%1” straight to “%2”.</source>
        <translation>不能把项目从“%1”直接移到“%2”。</translation>
    </message>
    <message>
        <source>Its next stage can be: %1.</source>
        <translation>它的下一阶段可以是：%1。</translation>
    </message>
    <message>
        <source>It has no next stage.</source>
        <translation>它没有下一阶段。</translation>
    </message>
    <message>
        <source>The project is now “%1”.</source>
        <translation>项目已更新为“%1”。</translation>
    </message>
    <message>
        <source>Review cancelled: the card stays where it was.</source>
        <translation>已取消评审：卡片留在原处。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import projects</source>
        <translation>导入项目</translation>
    </message>
    <message>
        <source>Fill the template in WPS, Excel or LibreOffice and save it as .xlsx; .csv and .json files exported by the app import too. Every row is checked first: nothing is imported unless all rows are right.</source>
        <translation>在 WPS、Excel 或 LibreOffice 中填写模板并保存为 .xlsx；本程序导出的 .csv 和 .json 文件也可导入。导入前逐行检查：只有全部正确才会导入。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <source>Problems found in the file are listed here, row by row.</source>
        <translation>文件中的问题会逐行列在这里。</translation>
    </message>
    <message>
        <source>Check only</source>
        <translation>只检查</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Tables (*.xlsx *.csv *.json)</source>
        <translation>表格文件 (*.xlsx *.csv *.json)</translation>
    </message>
    <message>
        <source>Save the import template as</source>
        <translation>导入模板保存为</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saving the template</source>
        <translation>正在保存模板</translation>
    </message>
    <message>
        <source>Template saved to %1. Fill it in, save it, then choose it above.</source>
        <translation>模板已保存到 %1。填写并保存后，在上方选择它。</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Checking the file</source>
        <translation>正在检查文件</translation>
    </message>
    <message>
        <source>Importing projects</source>
        <translation>正在导入项目</translation>
    </message>
    <message numerus="yes">
        <source>Check passed: %n project(s) can be imported. Nothing was written.</source>
        <translation>
            <numerusform>检查通过：可以导入 %n 个项目。未写入任何数据。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n project(s).</source>
        <translation>
            <numerusform>已导入 %n 个项目。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import people workbook</source>
        <translation>导入组织人员工作簿</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx *.csv)</source>
        <translation>工作簿 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>people-workbook.xlsx</source>
        <translation>组织人员导入模板.xlsx</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>模板已保存：%1</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Checking the workbook…</source>
        <translation>正在检查工作簿…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have problems; nothing can be imported until they are fixed in the workbook.</source>
        <translation>
            <numerusform>有 %n 行存在问题；在工作簿中改正之前不能导入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything in this workbook is already in the bank; importing it changes nothing.</source>
        <translation>工作簿中的内容都已在库中，导入不会改变任何数据。</translation>
    </message>
    <message>
        <source>The workbook is fine. Import it?</source>
        <translation>工作簿检查通过。现在导入吗？</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import the workbook</source>
        <translation>导入工作簿</translation>
    </message>
    <message>
        <source>Choose workbook…</source>
        <translation>选择工作簿…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>people-workbook.xlsx</source>
        <translation>组织人员导入模板.xlsx</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>工作簿</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx *.csv)</source>
        <translation>工作簿 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>The workbook is fine.</source>
        <translation>工作簿检查通过。</translation>
    </message>
    <message>
        <source>Fix the rows marked in red in the workbook, then choose it again.</source>
        <translation>请在工作簿中改正标红的行，然后重新选择。</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Unread only</source>
        <translation>只看未读</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>Double-click a notice to open its project.</source>
        <translation>双击通知可打开对应项目。</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notice(s)</source>
        <translation>
            <numerusform>%n 条未读通知</numerusform>
        </translation>
    </message>
    <message>
        <source>No notices yet. You will be told here of every decision, comment and mention that concerns you.</source>
        <translation>还没有通知。与你有关的每个评审结论、评论和 @ 提及都会在这里告诉你。</translation>
    </message>
    <message>
        <source>Add as co-author</source>
        <translation>添加为合作者</translation>
    </message>
    <message>
        <source>Take the person who asked on as a co-author of the project</source>
        <translation>把提出申请的人添加为该项目的合作者</translation>
    </message>
    <message>
        <source>%1 is now a co-author.</source>
        <translation>%1 已成为合作者。</translation>
    </message>
</context>
<context>
    <name>LedgerRecordDialog</name>
    <message>
        <source>Add to the ledger of {studio}</source>
        <translation>记入{studio}台账</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填</translation>
    </message>
    <message>
        <source>yuan, e.g. 2000 or 0.2万</source>
        <translation>元，例如 2000 或 0.2万</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参与人数</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Saving the record</source>
        <translation>正在保存记录</translation>
    </message>
</context>
<context>
    <name>LogoSection</name>
    <message>
        <source>Choose picture…</source>
        <translation>选择图片…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>A PNG or JPEG picture (up to 5 MB), printed at the top of the studio&apos;s dossiers.</source>
        <translation>PNG 或 JPEG 图片（最大 5 MB），印在本工作室成果档案的页眉。</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>未设置标志</translation>
    </message>
    <message>
        <source>Studio logo</source>
        <translation>工作室标志</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Idea Bank</source>
        <translation>创新智慧库</translation>
    </message>
    <message>
        <source>You have an idea that was not sent yet: press Ctrl+N to go on where you stopped.</source>
        <translation>你有一个还没提交的创意：按 Ctrl+N 接着写。</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Propose idea</source>
        <translation>提出创意</translation>
    </message>
    <message>
        <source>Propose a new idea (Ctrl+N)</source>
        <translation>提出一个新创意（Ctrl+N）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload the lists (F5)</source>
        <translation>重新加载列表（F5）</translation>
    </message>
    <message>
        <source>Search ideas (Ctrl+F): words, numbers, people…</source>
        <translation>搜索创意（Ctrl+F）：关键词、编号、人名…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Export dossier…</source>
        <translation>导出成果档案…</translation>
    </message>
    <message>
        <source>Export the selected project&apos;s dossier as a PDF</source>
        <translation>将所选项目的成果档案导出为 PDF</translation>
    </message>
    <message>
        <source>Export the listed projects…</source>
        <translation>批量导出列表中的项目…</translation>
    </message>
    <message>
        <source>Studio annual report…</source>
        <translation>工作室年度报告…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Dossiers (成果档案) and annual reports as PDF</source>
        <translation>成果档案与年度报告（PDF）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Select a project first, then export its dossier.</source>
        <translation>请先选择一个项目，再导出它的成果档案。</translation>
    </message>
    <message>
        <source>Refreshed.</source>
        <translation>已刷新。</translation>
    </message>
    <message>
        <source>Writing the search index…</source>
        <translation>正在写入搜索索引…</translation>
    </message>
    <message>
        <source>Preparing the search index</source>
        <translation>正在准备搜索索引</translation>
    </message>
</context>
<context>
    <name>MentionEdit</name>
    <message>
        <source>no unit</source>
        <translation>未分配单位</translation>
    </message>
</context>
<context>
    <name>MilestoneTable</name>
    <message>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Milestone row %1: the title is missing.</source>
        <translation>里程碑第 %1 行：缺少名称。</translation>
    </message>
    <message>
        <source>Milestone row %1 (%2): pick the due date.</source>
        <translation>里程碑第 %1 行（%2）：请选择到期日。</translation>
    </message>
</context>
<context>
    <name>OrgForms</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Studios</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Import workbook…</source>
        <translation>导入工作簿…</translation>
    </message>
    <message>
        <source>Units, studios and people from one workbook (.xlsx or .csv)</source>
        <translation>从一个工作簿导入单位、工作室和人员（.xlsx 或 .csv）</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <source>The workbook to fill in WPS, Excel or LibreOffice</source>
        <translation>在 WPS、Excel 或 LibreOffice 中填写的工作簿</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Add unit…</source>
        <translation>添加单位…</translation>
    </message>
    <message>
        <source>Edit or move…</source>
        <translation>修改或移动…</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>领衔人</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Founded</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Premises</source>
        <translation>场地</translation>
    </message>
    <message>
        <source>Funds (yuan/yr)</source>
        <translation>经费（元/年）</translation>
    </message>
    <message>
        <source>Add studio…</source>
        <translation>添加工作室…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Rubric, answer templates, warning thresholds and logo</source>
        <translation>评审细则、答复模板、预警阈值和标志</translation>
    </message>
    <message>
        <source>Shared settings…</source>
        <translation>共用设置…</translation>
    </message>
    <message>
        <source>Answer templates and warning thresholds for studios without their own</source>
        <translation>供未单独设置的工作室共用的答复模板和预警阈值</translation>
    </message>
    <message>
        <source>Find by employee number or name</source>
        <translation>按工号或姓名查找</translation>
    </message>
    <message>
        <source>Show deactivated people</source>
        <translation>显示已停用人员</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Skill grade</source>
        <translation>技能等级</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add person…</source>
        <translation>添加人员…</translation>
    </message>
    <message>
        <source>Role…</source>
        <translation>角色…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation>添加成员…</translation>
    </message>
    <message>
        <source>Take a person into your studio by their employee number</source>
        <translation>按工号把人员加入你的工作室</translation>
    </message>
    <message>
        <source>Remove from studio</source>
        <translation>移出工作室</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在职</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) shown</source>
        <translation>
            <numerusform>显示 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Password reset.</source>
        <translation>密码已重置。</translation>
    </message>
    <message>
        <source>Deactivate %1? They can no longer sign in; their projects, reviews and points stay. You can reactivate them at any time.</source>
        <translation>停用 %1？停用后不能再登录；其项目、评审和积分都保留。可以随时重新启用。</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Employee number of the person joining %1:</source>
        <translation>加入“%1”的人员工号：</translation>
    </message>
</context>
<context>
    <name>PackageActions</name>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Applying</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>导出交换包</translation>
    </message>
    <message>
        <source>This site trusts no other site yet. Open Site identity, trust the other site&apos;s key file, then export.</source>
        <translation>本站点还没有信任任何站点。请先打开“站点身份”，信任对方站点的密钥文件，再导出。</translation>
    </message>
    <message>
        <source>Wrote %1 for site %2: %3 records and %4 attachments (sequence %5–%6).</source>
        <translation>已写出 %1，发给站点“%2”：%3 条记录，%4 个附件（序号 %5–%6）。</translation>
    </message>
    <message>
        <source>%1 attachment files are not on this computer and were left out.</source>
        <translation>有 %1 个附件的文件不在本机，未放入交换包。</translation>
    </message>
    <message>
        <source>Package exported</source>
        <translation>交换包已导出</translation>
    </message>
    <message>
        <source>Exporting package…</source>
        <translation>正在导出交换包…</translation>
    </message>
    <message>
        <source>Import package</source>
        <translation>导入交换包</translation>
    </message>
    <message>
        <source>Exchange packages (*%1)</source>
        <translation>交换包 (*%1)</translation>
    </message>
    <message>
        <source>Imported the package from site %1: %2 records and %3 attachments (sequence %4–%5).</source>
        <translation>已导入来自站点“%1”的交换包：%2 条记录，%3 个附件（序号 %4–%5）。</translation>
    </message>
    <message>
        <source>Package imported</source>
        <translation>交换包已导入</translation>
    </message>
    <message>
        <source>Importing package…</source>
        <translation>正在导入交换包…</translation>
    </message>
    <message>
        <source>%1 conflicts to settle: see the conflicts list.</source>
        <translation>有 %1 处冲突需要处理：请查看冲突列表。</translation>
    </message>
</context>
<context>
    <name>PackageExportDialog</name>
    <message>
        <source>Export package</source>
        <translation>导出交换包</translation>
    </message>
    <message>
        <source>Everything after sequence number</source>
        <translation>从以下序号之后的全部变更</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The package is signed by this site and encrypted for the receiving site only: a lost USB stick reveals nothing.</source>
        <translation>交换包由本站点签名，并只为接收站点加密：U盘丢失也不会泄露任何内容。</translation>
    </message>
    <message>
        <source>To site</source>
        <translation>接收站点</translation>
    </message>
    <message>
        <source>What to send</source>
        <translation>发送内容</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>交换包文件</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>What the site has not acknowledged (after %1)</source>
        <translation>对方尚未确认收到的变更（序号 %1 之后）</translation>
    </message>
    <message>
        <source>Exchange packages (*%1)</source>
        <translation>交换包 (*%1)</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法完成</translation>
    </message>
    <message>
        <source>Choose where to write the package.</source>
        <translation>请选择交换包的保存位置。</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Idea bank</source>
        <translation>创新智慧库</translation>
    </message>
    <message>
        <source>My projects</source>
        <translation>我的项目</translation>
    </message>
    <message>
        <source>Awaiting my review</source>
        <translation>待我评审</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Tackling teams and the maker alliance will be shown here: forming a team around a project, open calls and members.</source>
        <translation type="vanished">这里将显示攻关队和创客联盟：围绕项目组队、公开招募和成员。</translation>
    </message>
    <message>
        <source>Incubation</source>
        <translation>孵化</translation>
    </message>
    <message>
        <source>Requests to the incubation base will be shown here: prototype processing, volume production and market promotion.</source>
        <translation type="vanished">这里将显示向孵化基地提出的委托：试品加工、量化生产和市场推广。</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="vanished">统计</translation>
    </message>
    <message>
        <source>Statistics by unit, studio, category and year will be shown here.</source>
        <translation type="vanished">这里将按单位、工作室、分类和年份显示统计。</translation>
    </message>
    <message>
        <source>Studios</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>The innovation studios, their leaders and members will be shown here.</source>
        <translation type="vanished">这里将显示职工创新工作室及其领衔人和成员。</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>统计分析</translation>
    </message>
    <message>
        <source>Studio compliance</source>
        <translation>工作室六有</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织机构</translation>
    </message>
    <message>
        <source>Merit competitions</source>
        <translation>立功竞赛</translation>
    </message>
    <message>
        <source>Dispatched tasks</source>
        <translation>一键下达</translation>
    </message>
    <message>
        <source>Idea board</source>
        <translation>创意看板</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>A new password for %1. Tell it to them in person; they can change it after signing in.</source>
        <translation>为 %1 设置新密码。请当面告知本人；登录后本人可以修改。</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>再输一遍</translation>
    </message>
    <message numerus="yes">
        <source>A password needs at least %n characters.</source>
        <translation>
            <numerusform>密码至少 %n 位。</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ; type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit person</source>
        <translation>修改人员</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>e.g. 0012001</source>
        <translation>例如 0012001</translation>
    </message>
    <message>
        <source>One honour per line, e.g. 全国劳动模范</source>
        <translation>每行一项荣誉，例如 全国劳动模范</translation>
    </message>
    <message>
        <source>Leave empty: they choose one at their first sign-in</source>
        <translation>留空：本人首次登录时自行设置</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Skill grade</source>
        <translation>技能等级</translation>
    </message>
    <message>
        <source>Specialty</source>
        <translation>专长</translation>
    </message>
    <message>
        <source>Honours</source>
        <translation>荣誉</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Change the role with the Role… button</source>
        <translation>请用“角色…”按钮修改角色</translation>
    </message>
    <message>
        <source>Enter the employee number.</source>
        <translation>请填写工号。</translation>
    </message>
    <message>
        <source>Enter the name.</source>
        <translation>请填写姓名。</translation>
    </message>
</context>
<context>
    <name>PlanTable</name>
    <message>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除所选行</translation>
    </message>
</context>
<context>
    <name>ProjectTable</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Proposer</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>点赞</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Expected benefit (yuan/yr)</source>
        <translation>预期效益（元/年）</translation>
    </message>
    <message>
        <source>Measured benefit (yuan/yr)</source>
        <translation>实测效益（元/年）</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>共 %n 个项目</numerusform>
        </translation>
    </message>
    <message>
        <source> matching “%1”</source>
        <translation>，匹配“%1”</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <source>Edit project</source>
        <translation>修改项目</translation>
    </message>
    <message>
        <source>Propose an idea</source>
        <translation>提出创意</translation>
    </message>
    <message>
        <source>One line: what does the idea improve?</source>
        <translation>一句话：这个创意改进了什么？</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>What problem did you see at work?</source>
        <translation>工作中遇到了什么问题？</translation>
    </message>
    <message>
        <source>How do you solve it?</source>
        <translation>你打算怎样解决？</translation>
    </message>
    <message>
        <source>Innovation point %1</source>
        <translation>创新点 %1</translation>
    </message>
    <message>
        <source>e.g. 12000 or 1.2万 (yuan per year)</source>
        <translation>例如 12000 或 1.2万（元/年）</translation>
    </message>
    <message>
        <source>Separated by commas</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>Employee numbers, in order of contribution</source>
        <translation>工号，按贡献大小排序</translation>
    </message>
    <message>
        <source>Drop photos or documents here</source>
        <translation>把照片或文档拖到这里</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>标题 *</translation>
    </message>
    <message>
        <source>Category *</source>
        <translation>分类 *</translation>
    </message>
    <message>
        <source>Background *</source>
        <translation>背景 *</translation>
    </message>
    <message>
        <source>Solution *</source>
        <translation>解决方案 *</translation>
    </message>
    <message>
        <source>Innovation points * (up to 3)</source>
        <translation>创新点 *（最多 3 条）</translation>
    </message>
    <message>
        <source>Expected benefit</source>
        <translation>预期经济效益</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Co-authors</source>
        <translation>合作者</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Similar existing projects</source>
        <translation type="vanished">相似的已有项目</translation>
    </message>
    <message>
        <source>Check these before proposing: maybe someone had the idea already, and you can comment or join instead.</source>
        <translation type="vanished">提交前看一看：也许已经有人提过类似的想法，你可以去评论或加入。</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交评审</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>存为草稿</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Restored what you typed on %1. Nothing typed is lost: the form saves itself every few seconds.</source>
        <translation>已恢复你在 %1 输入的内容。输入的内容不会丢失：表单每隔几秒自动保存。</translation>
    </message>
    <message>
        <source>Still needed: %1</source>
        <translation>还需填写：%1</translation>
    </message>
    <message>
        <source>Ready to submit. Your studio leader will be told.</source>
        <translation>可以提交了，工作室领衔人会收到通知。</translation>
    </message>
    <message>
        <source>Draft saved %1</source>
        <translation>草稿已于 %1 保存</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Saving the draft…</source>
        <translation>正在保存草稿…</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Studio annual report</source>
        <translation>工作室年度创新报告</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Studio:</source>
        <translation>工作室：</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the PDF as</source>
        <translation>PDF 另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>There is no studio to report on.</source>
        <translation>还没有工作室，无法生成报告。</translation>
    </message>
    <message>
        <source>Choose where to save the report first.</source>
        <translation>请先选择报告的保存位置。</translation>
    </message>
</context>
<context>
    <name>ReportTable</name>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Save this table as an .xlsx workbook</source>
        <translation>把这张表保存为 .xlsx 工作簿</translation>
    </message>
    <message>
        <source>Export the table as</source>
        <translation>表格另存为</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Name or number</source>
        <translation>名称或工号</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose the backup to restore. It is checked first; the current database is backed up before it is replaced, and everyone is signed out afterwards.</source>
        <translation>请选择要恢复的备份。恢复前会先检查它，并先备份当前数据库；恢复后所有人需要重新登录。</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>其他文件…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <source>Idea Bank backups (*.sqlite);;All files (*)</source>
        <translation>创新智慧库备份 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Replace the current data with %1 (%n project(s))? The current database is backed up first. Everyone is signed out afterwards.</source>
        <translation>
            <numerusform>用 %1（%n 个项目）替换当前数据？会先备份当前数据库；完成后所有人需要重新登录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n project(s) from %1. Please sign in again.</source>
        <translation>
            <numerusform>已从 %1 恢复 %n 个项目。请重新登录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Restoring from a backup</source>
        <translation>正在从备份恢复</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Thank you! The idea is practical and will be put into use in our studio.</source>
        <translation type="vanished">感谢你的创意！该创意实用性强，工作室将推广使用。</translation>
    </message>
    <message>
        <source>Thank you! A very similar project already exists; please join it and add your experience there.</source>
        <translation type="vanished">感谢你的创意！已有非常相似的项目，欢迎加入该项目并补充你的经验。</translation>
    </message>
    <message>
        <source>Thank you! The cost is too high for the expected benefit at present; please work out a cheaper way and submit again.</source>
        <translation type="vanished">感谢你的创意！目前投入相对预期效益偏高，请考虑更经济的方案后再次提交。</translation>
    </message>
    <message>
        <source>Thank you! Safety rules do not allow this change; please talk to the safety officer and submit a revised version.</source>
        <translation type="vanished">感谢你的创意！该改动不符合安全规程，请与安全员沟通后提交修改版本。</translation>
    </message>
    <message>
        <source>Thank you! Please add measured data (before and after) and submit again.</source>
        <translation type="vanished">感谢你的创意！请补充改进前后的实测数据后再次提交。</translation>
    </message>
    <message>
        <source>Review: %1</source>
        <translation>评审：%1</translation>
    </message>
    <message>
        <source>Rubric (0–10 each; weights of this studio)</source>
        <translation>评分（每项 0–10 分；按本工作室权重）</translation>
    </message>
    <message>
        <source>Weighted total</source>
        <translation>加权总分</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>评审结论</translation>
    </message>
    <message>
        <source>Adopt</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Do not adopt (reason required)</source>
        <translation>不采纳（须填写理由）</translation>
    </message>
    <message>
        <source>Scores only, decide later</source>
        <translation>只评分，稍后决定</translation>
    </message>
    <message>
        <source>Answer templates…</source>
        <translation>答复模板…</translation>
    </message>
    <message>
        <source>Reason the author will read</source>
        <translation>理由（作者会看到）</translation>
    </message>
    <message>
        <source>Private note: only reviewers see it</source>
        <translation>私人备注：只有评审人能看到</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>私人备注</translation>
    </message>
    <message>
        <source>Send review</source>
        <translation>提交评审</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景（存在的问题）</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>Innovation points</source>
        <translation>创新点</translation>
    </message>
    <message>
        <source>Expected benefit</source>
        <translation>预期经济效益</translation>
    </message>
    <message>
        <source>yuan/year</source>
        <translation>元/年</translation>
    </message>
    <message numerus="yes">
        <source>Comments (%n)</source>
        <translation>
            <numerusform>评论（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation>还没有评论。</translation>
    </message>
    <message>
        <source>Write a reason: the author will read why the idea was not adopted.</source>
        <translation>请填写理由：作者需要知道创意为什么未被采纳。</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>Change it</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <source>Choose a decision: adopt, do not adopt, or scores only.</source>
        <translation>请选择评审结论：采纳、不采纳或只评分。</translation>
    </message>
    <message>
        <source>Score every criterion before adopting; not scored yet: %1</source>
        <translation>采纳前请为每一项打分，尚未评分：%1</translation>
    </message>
    <message>
        <source>Score at least one criterion, or choose a decision.</source>
        <translation>请至少为一项打分，或选择评审结论。</translation>
    </message>
    <message>
        <source>Adopt “%1” with a weighted total of %2? Its authors will be told.</source>
        <translation>确定采纳“%1”？加权总分 %2。作者会收到通知。</translation>
    </message>
    <message>
        <source>Do not adopt “%1” (weighted total %2)? Its authors will read your reason.</source>
        <translation>确定不采纳“%1”（加权总分 %2）？作者会看到你写的理由。</translation>
    </message>
    <message>
        <source>Record scores for “%1” (weighted total %2) without deciding yet?</source>
        <translation>只为“%1”记录评分（加权总分 %2），暂不作结论？</translation>
    </message>
    <message>
        <source>Confirm: adopt</source>
        <translation>确认采纳</translation>
    </message>
    <message>
        <source>Confirm: do not adopt</source>
        <translation>确认不采纳</translation>
    </message>
    <message>
        <source>Confirm: record scores</source>
        <translation>确认只评分</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>RubricSection</name>
    <message>
        <source>Together</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>A review&apos;s total is the weighted score out of 100; weights are shares of the whole, so they need not add up to exactly 100. A weight of 0 leaves the criterion out.</source>
        <translation>评审总分是满分 100 的加权分；权重按占比计算，合计不必正好等于 100。权重为 0 的评分项不参加评分。</translation>
    </message>
</context>
<context>
    <name>SendTaskDialog</name>
    <message>
        <source>Dispatch a task</source>
        <translation>一键下达</translation>
    </message>
    <message>
        <source>A task: each unit reports and you accept each summary. A notice: each unit confirms it has read it.</source>
        <translation>任务：各单位反馈，由你逐一验收总结。通知：各单位确认已阅即可。</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Tick the units (a unit ticks every unit below it) and name who answers for each.</source>
        <translation>勾选单位（勾选一个单位即勾选其下所有单位），并为每个单位指定责任人。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>下达</translation>
    </message>
    <message>
        <source>(nobody yet)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Sending the task</source>
        <translation>正在下达任务</translation>
    </message>
</context>
<context>
    <name>SetPasswordDialog</name>
    <message>
        <source>Set a password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Account %1 has no password yet. Choose one (at least 6 characters); you will use it to sign in from now on.</source>
        <translation>账号 %1 还没有密码。请设置一个（至少 6 位），以后用它登录。</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>再输一遍</translation>
    </message>
    <message>
        <source>The two passwords differ; type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>配色</translation>
    </message>
    <message>
        <source>Sign out after idle</source>
        <translation>空闲后自动退出</translation>
    </message>
    <message>
        <source>A new language takes effect the next time the program starts.</source>
        <translation>新的语言在下次启动程序时生效。</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Set up the organisation</source>
        <translation>设置组织机构</translation>
    </message>
    <message>
        <source>Units, studios and people can be changed later on the Organisation page.</source>
        <translation>单位、工作室和人员以后都可以在“组织机构”页修改。</translation>
    </message>
    <message>
        <source>Import a workbook of units, studios and people</source>
        <translation>导入单位、工作室和人员工作簿</translation>
    </message>
    <message>
        <source>The template can be saved on the next page and filled in WPS, Excel or LibreOffice.</source>
        <translation>下一页可以保存模板，在 WPS、Excel 或 LibreOffice 中填写。</translation>
    </message>
    <message>
        <source>Type a first unit and studio</source>
        <translation>填写第一个单位和工作室</translation>
    </message>
    <message>
        <source>Add the rest later, one at a time or from a workbook.</source>
        <translation>其余的以后逐个添加，或从工作簿导入。</translation>
    </message>
    <message>
        <source>Join a hub (the company&apos;s central database)</source>
        <translation>加入中心库（公司的集中数据库）</translation>
    </message>
    <message>
        <source>The organisation and the projects you may see come from the hub; its people sign in with their hub passwords.</source>
        <translation>组织机构和你可以查看的项目来自中心库；人员用中心库的密码登录。</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Start with an empty organisation (or with demo data).</source>
        <translation>先从空的组织机构开始（或使用演示数据）。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — Idea Bank</source>
        <translation>登录 — 创新智慧库</translation>
    </message>
    <message>
        <source>Idea Bank</source>
        <translation>创新智慧库</translation>
    </message>
    <message>
        <source>Pool everyone&apos;s ideas: propose, review and share innovations.</source>
        <translation>智慧众筹：提出、评审、共享每一个创新想法。</translation>
    </message>
    <message>
        <source>e.g. W001</source>
        <translation>例如 W001</translation>
    </message>
    <message>
        <source>Kiosk: propose an idea with my employee number only</source>
        <translation>自助终端：只用工号提出创意</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>SimilarPanel</name>
    <message>
        <source>Similar existing projects</source>
        <translation>相似的已有项目</translation>
    </message>
    <message>
        <source>Check these before proposing: maybe someone had the idea already. Pick one to read it, comment on it or ask to join it.</source>
        <translation>提交前请先看看：也许已有人提出过类似的想法。选中一项即可阅读、评论或申请加入。</translation>
    </message>
    <message>
        <source>A comment for its authors</source>
        <translation>给作者的评论</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Ask to join as co-author</source>
        <translation>申请作为合作者加入</translation>
    </message>
    <message>
        <source>Its proposer is asked to add you as a co-author</source>
        <translation>请项目提出人把你添加为合作者</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景（存在的问题）</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>Your comment was sent; its authors are told.</source>
        <translation>评论已发送，作者会收到通知。</translation>
    </message>
    <message>
        <source>Its proposer was asked to add you as a co-author; you will hear back in your notices.</source>
        <translation>已请项目提出人把你添加为合作者，结果会出现在你的通知中。</translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <source>Site identity</source>
        <translation>站点身份</translation>
    </message>
    <message>
        <source>This site</source>
        <translation>本站点</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>改名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Signing key fingerprint</source>
        <translation>签名密钥指纹</translation>
    </message>
    <message>
        <source>Encryption key fingerprint</source>
        <translation>加密密钥指纹</translation>
    </message>
    <message>
        <source>Save my key file…</source>
        <translation>保存本站点密钥文件…</translation>
    </message>
    <message>
        <source>A file with this site&apos;s public keys, to carry to another site</source>
        <translation>含本站点公钥的文件，带到其他站点去信任</translation>
    </message>
    <message>
        <source>Trusted sites</source>
        <translation>已信任的站点</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>对方已确认</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <source>No site is trusted yet. Bring the other site&apos;s key file and trust it.</source>
        <translation>还没有信任任何站点。请取得对方站点的密钥文件并信任它。</translation>
    </message>
    <message>
        <source>Trust a key file…</source>
        <translation>信任密钥文件…</translation>
    </message>
    <message>
        <source>Stop trusting</source>
        <translation>不再信任</translation>
    </message>
    <message>
        <source>Site renamed.</source>
        <translation>站点已改名。</translation>
    </message>
    <message>
        <source>Save my key file</source>
        <translation>保存本站点密钥文件</translation>
    </message>
    <message>
        <source>Site key files (%1)</source>
        <translation>站点密钥文件 (%1)</translation>
    </message>
    <message>
        <source>Key file saved</source>
        <translation>密钥文件已保存</translation>
    </message>
    <message>
        <source>Saved %1.

Carry it to the other site. Before they trust it, read this signing fingerprint to them by telephone or in person:

%2</source>
        <translation>已保存 %1。

请把它带到对方站点。对方信任之前，请通过电话或当面向对方念出这个签名指纹：

%2</translation>
    </message>
    <message>
        <source>Trust a key file</source>
        <translation>信任密钥文件</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法完成</translation>
    </message>
    <message>
        <source>Site: %1 (%2)
Signing key fingerprint: %3
Encryption key fingerprint: %4

Compare the signing fingerprint with the other site by telephone or in person. Trust this site?</source>
        <translation>站点：%1（%2）
签名密钥指纹：%3
加密密钥指纹：%4

请通过电话或当面与对方站点核对签名指纹。确定信任这个站点吗？</translation>
    </message>
    <message>
        <source>This site is already trusted with OTHER keys. Replace them only if the site told you it made new keys.</source>
        <translation>这个站点已用【另一套】密钥被信任。只有在对方告知已更换密钥时才替换。</translation>
    </message>
    <message>
        <source>Trust a site</source>
        <translation>信任站点</translation>
    </message>
    <message>
        <source>Site %1 is trusted.</source>
        <translation>已信任站点“%1”。</translation>
    </message>
    <message>
        <source>Stop trusting %1? Its packages will be refused and none will be made for it.</source>
        <translation>不再信任“%1”吗？它的交换包将被拒绝，也不会再为它生成交换包。</translation>
    </message>
    <message>
        <source>Site %1 is no longer trusted.</source>
        <translation>已不再信任站点“%1”。</translation>
    </message>
    <message>
        <source>Secret projects</source>
        <translation>秘密级项目</translation>
    </message>
    <message>
        <source>Secret projects…</source>
        <translation>秘密级项目…</translation>
    </message>
    <message>
        <source>Whether this site&apos;s packages carry secret projects</source>
        <translation>发给这个站点的交换包是否携带秘密级项目</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop sending secret projects to %1?</source>
        <translation>不再向“%1”发送秘密级项目吗？</translation>
    </message>
    <message>
        <source>Is %1 run by an administrator who may see every project? Its packages will then carry secret projects too (encrypted for that site only).</source>
        <translation>“%1”是否由可以查看全部项目的管理员使用？确认后，发给它的交换包也将携带秘密级项目（只为该站点加密）。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>Name this site</source>
        <translation>站点名称</translation>
    </message>
    <message>
        <source>The name other sites and exchange packages know this computer&apos;s bank by.</source>
        <translation>其他站点和交换包用这个名称称呼本机的智慧库。</translation>
    </message>
    <message>
        <source>Fill the bank with demo data (a power company with studios, people and projects) to try things out</source>
        <translation>填入演示数据（一家供电公司及其工作室、人员和项目），先试用一下</translation>
    </message>
    <message>
        <source> projects</source>
        <translation> 个项目</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>站点名称</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>All studios</source>
        <translation type="vanished">全部工作室</translation>
    </message>
    <message>
        <source>All years</source>
        <translation type="vanished">全部年份</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation type="vanished">项目数</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation type="vanished">已采纳</translation>
    </message>
    <message>
        <source>Adoption rate</source>
        <translation type="vanished">采纳率</translation>
    </message>
    <message>
        <source>Measured benefit (yuan/yr)</source>
        <translation type="vanished">实测效益（元/年）</translation>
    </message>
    <message>
        <source>Expected benefit (yuan/yr)</source>
        <translation type="vanished">预期效益（元/年）</translation>
    </message>
    <message>
        <source>By status</source>
        <translation type="vanished">按状态</translation>
    </message>
    <message>
        <source>By category</source>
        <translation type="vanished">按分类</translation>
    </message>
    <message>
        <source>By year</source>
        <translation type="vanished">按年份</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="vanished">名称</translation>
    </message>
</context>
<context>
    <name>StudioDialog</name>
    <message>
        <source>Edit studio</source>
        <translation>修改工作室</translation>
    </message>
    <message>
        <source>Add studio</source>
        <translation>添加工作室</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>e.g. second floor of the substation workshop, 120 m²</source>
        <translation>例如 变电运维车间二楼，120 平方米</translation>
    </message>
    <message>
        <source>yuan per year, e.g. 50000 or 5万</source>
        <translation>元/年，例如 50000 或 5万</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>领衔人</translation>
    </message>
    <message>
        <source>Founded</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Premises</source>
        <translation>场地</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>经费</translation>
    </message>
    <message>
        <source>As the studio&apos;s leader you change its founding date and premises; an administrator changes the rest.</source>
        <translation>作为工作室领衔人，你可以修改成立日期和场地；其余由管理员修改。</translation>
    </message>
    <message>
        <source>Enter the studio&apos;s name.</source>
        <translation>请填写工作室名称。</translation>
    </message>
</context>
<context>
    <name>StudioSettings</name>
    <message>
        <source>Rubric</source>
        <translation>评审细则</translation>
    </message>
    <message>
        <source>Answer templates</source>
        <translation>答复模板</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Unit targets</source>
        <translation>各单位目标</translation>
    </message>
</context>
<context>
    <name>StudioSettingsDialog</name>
    <message>
        <source>Settings of %1</source>
        <translation>%1 的设置</translation>
    </message>
    <message>
        <source>Shared settings of all studios</source>
        <translation>各工作室共用的设置</translation>
    </message>
</context>
<context>
    <name>StudiosPage</name>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>领衔人</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>已采纳</translation>
    </message>
    <message>
        <source>Measured benefit (yuan/yr)</source>
        <translation>实测效益（元/年）</translation>
    </message>
    <message>
        <source>Double-click a studio to list its projects. Click a header to sort.</source>
        <translation>双击工作室可列出它的项目；点击表头可排序。</translation>
    </message>
    <message>
        <source>Annual report…</source>
        <translation>年度报告…</translation>
    </message>
    <message>
        <source>The selected studio&apos;s annual innovation report as a PDF</source>
        <translation>将所选工作室的年度创新报告导出为 PDF</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>A synchronisation is already running.</source>
        <translation>同步正在进行中。</translation>
    </message>
    <message>
        <source>Sending changes</source>
        <translation>正在发送修改</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>正在接收修改</translation>
    </message>
    <message>
        <source>Synchronising</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <source>Synchronised: %1 sent, %2 received.</source>
        <translation>同步完成：发送 %1 条，接收 %2 条。</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to look at.</source>
        <translation>
            <numerusform>有 %n 个冲突需要查看。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused by the hub.</source>
        <translation>
            <numerusform>%n 处修改被中心库拒绝。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Never synchronised</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Tools → Synchronise with hub… (F9)</source>
        <translation>工具 → 与中心库同步…（F9）</translation>
    </message>
    <message>
        <source>Last synchronised %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <source>%1 sent, %2 received; click to synchronise again</source>
        <translation>发送 %1 条，接收 %2 条；点击再次同步</translation>
    </message>
</context>
<context>
    <name>TemplatesSection</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Thank you! </source>
        <translation>感谢你的创意！</translation>
    </message>
    <message>
        <source>Double-click an answer to change it; drag to reorder.</source>
        <translation>双击一条答复即可修改；拖动可调整顺序。</translation>
    </message>
    <message>
        <source>These are this studio&apos;s own; with none, its reviewers use the shared ones.</source>
        <translation>这些是本工作室自己的答复；没有时，评审人使用共用的答复。</translation>
    </message>
    <message>
        <source>These are shared by every studio that has none of its own.</source>
        <translation>这些答复供所有没有自己答复的工作室共用。</translation>
    </message>
</context>
<context>
    <name>ThresholdsSection</name>
    <message>
        <source>Unanswered request or application after</source>
        <translation>委托或揭榜申请无人答复超过</translation>
    </message>
    <message>
        <source>Overdue milestone after its due date +</source>
        <translation>里程碑逾期宽限</translation>
    </message>
    <message>
        <source>A project is stuck after this many days in one stage:</source>
        <translation>项目在同一阶段停留超过以下天数即视为停滞：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Dispatched task warned this long before it is due</source>
        <translation>下达任务截止前提前预警</translation>
    </message>
    <message>
        <source>no target</source>
        <translation type="vanished">不设目标</translation>
    </message>
    <message>
        <source>Each bottom unit (a crew) whose proposals per head fall behind this yearly target, counted pro rata to the day, is warned; no target: the site&apos;s (ideabank warnings config sets targets for particular units)</source>
        <translation type="vanished">人均提案数按日折算落后于此年度目标的班组（最下级单位）会产生预警；不设目标则用全站的目标（ideabank warnings config 可为具体单位设目标）</translation>
    </message>
    <message>
        <source>Yearly proposals per head expected of each crew</source>
        <translation type="vanished">各班组每年人均提案目标</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <source>Site identity…</source>
        <translation>站点身份…</translation>
    </message>
    <message>
        <source>This site&apos;s keys, and the sites it trusts</source>
        <translation>本站点的密钥，以及它信任的站点</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>导出交换包…</translation>
    </message>
    <message>
        <source>A signed, encrypted package for an air-gapped site (USB)</source>
        <translation>为离线站点生成签名并加密的交换包（U盘传递）</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>导入交换包…</translation>
    </message>
    <message>
        <source>Check and apply a package from a trusted site</source>
        <translation>校验并应用来自已信任站点的交换包</translation>
    </message>
    <message>
        <source>Synchronise with hub…</source>
        <translation>与中心库同步…</translation>
    </message>
    <message>
        <source>Send this computer&apos;s changes to the central hub and take everyone else&apos;s</source>
        <translation>把本机的修改发送到中心库，并取回其他人的修改</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Idea Bank backups (*.sqlite)</source>
        <translation>创新智慧库备份 (*.sqlite)</translation>
    </message>
    <message>
        <source>Backed up to %1 (checked).</source>
        <translation>已备份到 %1（已检查）。</translation>
    </message>
    <message>
        <source>Backing up the database</source>
        <translation>正在备份数据库</translation>
    </message>
    <message>
        <source>Check database…</source>
        <translation>检查数据库…</translation>
    </message>
    <message>
        <source>Check the database, its attached files and its audit log; repair what can be repaired</source>
        <translation>检查数据库、附件文件和审计日志，并修复能修复的问题</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>立即备份…</translation>
    </message>
    <message>
        <source>A checked copy of the database in a file of your choice</source>
        <translation>把数据库经检查后备份到您选择的文件</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Replace the data with a backup (checked first; the current data is backed up)</source>
        <translation>用备份替换数据（先检查备份，并先备份当前数据）</translation>
    </message>
    <message>
        <source>Locked accounts…</source>
        <translation>被锁定的账号…</translation>
    </message>
    <message>
        <source>Unlock accounts locked after repeated wrong passwords</source>
        <translation>解除因密码连续输错而锁定的账号</translation>
    </message>
    <message>
        <source>Import projects…</source>
        <translation>导入项目…</translation>
    </message>
    <message>
        <source>Import projects from a spreadsheet, or save the template to fill in</source>
        <translation>从表格导入项目，或保存模板以便填写</translation>
    </message>
    <message>
        <source>Deliver warnings now</source>
        <translation>立即送达预警</translation>
    </message>
    <message>
        <source>Send every warning to the inbox of whoever must act on it, once, and the day&apos;s digest to leaders</source>
        <translation>把每条预警送到应处理人的通知中（每条只送一次），并给领衔人和管理员送当天的预警日报</translation>
    </message>
</context>
<context>
    <name>TypePage</name>
    <message>
        <source>A first unit and studio</source>
        <translation>第一个单位和工作室</translation>
    </message>
    <message>
        <source>e.g. 国网示范供电公司</source>
        <translation>例如 国网示范供电公司</translation>
    </message>
    <message>
        <source>e.g. 王建国劳模创新工作室 (may stay empty)</source>
        <translation>例如 王建国劳模创新工作室（可不填）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Enter the unit&apos;s name.</source>
        <translation>请填写单位名称。</translation>
    </message>
</context>
<context>
    <name>UiContext</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法完成</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. Your data is safe; please report this to the administrator.</source>
        <translation>程序内部出错了。你的数据是安全的，请把此情况告诉管理员。</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Edit unit</source>
        <translation>修改单位</translation>
    </message>
    <message>
        <source>Add unit</source>
        <translation>添加单位</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>（最上层）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>上级单位</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Enter the unit&apos;s name.</source>
        <translation>请填写单位名称。</translation>
    </message>
</context>
<context>
    <name>UnitTargetsSection</name>
    <message>
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <source>A bottom unit (a crew, no unit below it) without a target of its own is held to this many proposals per head a year</source>
        <translation>没有单独目标的基层单位（班组，其下没有单位）按每人每年这么多条建议考核</translation>
    </message>
    <message>
        <source>Default yearly target per head of each crew</source>
        <translation>各班组默认人均年度目标</translation>
    </message>
    <message>
        <source>Counting this year&apos;s proposals…</source>
        <translation>正在统计今年的建议…</translation>
    </message>
    <message>
        <source>Find a unit</source>
        <translation>查找单位</translation>
    </message>
    <message>
        <source>Only units behind their target</source>
        <translation>只看未达标的单位</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年建议</translation>
    </message>
    <message>
        <source>%1 days of %2 gone (%3%): a target is due pro rata. A unit counts with every unit below it; secret projects and drafts are not counted.</source>
        <translation>%2 年已过 %1 天（%3%），目标按天数折算。单位的数字包括其下所有单位；秘密级项目和草稿不计。</translation>
    </message>
    <message>
        <source>Proposals this year</source>
        <translation type="vanished">今年建议</translation>
    </message>
    <message>
        <source>Per head</source>
        <translation>人均</translation>
    </message>
    <message>
        <source>Target per head a year</source>
        <translation type="vanished">人均年度目标</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Due by today</source>
        <translation>至今应有</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Target per head</source>
        <translation>人均年度目标</translation>
    </message>
    <message>
        <source>Type a number; 0 or empty: no target of its own (the default applies)</source>
        <translation>填写数字；0 或留空表示不单独设目标（按默认）</translation>
    </message>
    <message>
        <source>Target × people × the share of the year gone, rounded down: a unit is warned once it is a whole proposal short</source>
        <translation>目标 × 人数 × 今年已过的比例，向下取整；差满 1 条即预警</translation>
    </message>
    <message>
        <source>Yearly proposals per head by unit</source>
        <translation>各单位人均年度目标</translation>
    </message>
    <message>
        <source>Counting proposals by unit</source>
        <translation>按单位统计建议</translation>
    </message>
    <message>
        <source>%1 days of %2 gone (%3 %): a target is due pro rata. A unit counts with every unit below it; secret projects and drafts are not counted.</source>
        <translation type="vanished">%2 年已过 %1 天（%3 %），目标按天数折算。单位的数字包括其下所有单位；秘密级项目和草稿不计。</translation>
    </message>
    <message>
        <source>%1 short</source>
        <translation>差 %1 条</translation>
    </message>
    <message>
        <source>on track</source>
        <translation>达标</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Locked accounts</source>
        <translation>被锁定的账号</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>No account is locked.</source>
        <translation>没有被锁定的账号。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解除锁定</translation>
    </message>
</context>
<context>
    <name>WarningSettingsDialog</name>
    <message>
        <source>Warning settings</source>
        <translation type="vanished">预警设置</translation>
    </message>
    <message>
        <source>The whole site (default for every studio)</source>
        <translation type="vanished">全站（各工作室的默认值）</translation>
    </message>
    <message>
        <source>Settings for</source>
        <translation type="vanished">设置范围</translation>
    </message>
    <message>
        <source>Requests and applications unanswered after</source>
        <translation type="vanished">委托和揭榜申请未答复超过</translation>
    </message>
    <message>
        <source>Milestones overdue after their date by</source>
        <translation type="vanished">里程碑超过到期日</translation>
    </message>
    <message>
        <source>A project is stuck when it stays in one stage longer than</source>
        <translation type="vanished">项目在同一阶段停留超过以下天数即为停滞</translation>
    </message>
    <message>
        <source>Changes apply to the warnings at once; nothing else is changed.</source>
        <translation type="vanished">修改后预警立即按新天数计算，不会改动其他数据。</translation>
    </message>
    <message>
        <source> days</source>
        <translation type="vanished"> 天</translation>
    </message>
</context>
</TS>
