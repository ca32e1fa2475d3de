<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdminPage</name>
    <message>
        <source>The first administrator</source>
        <translation>The first administrator</translation>
    </message>
    <message>
        <source>Administrators set up units, studios and people and look after the data.</source>
        <translation>Administrators set up units, studios and people and look after the data.</translation>
    </message>
    <message>
        <source>e.g. 张工</source>
        <translation>e.g. 张工</translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>Employee number</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Repeat it</translation>
    </message>
    <message>
        <source>With a number other than admin, the built-in account admin (which the ideabank command acts as) gets the same password.</source>
        <translation>With a number other than admin, the built-in account admin (which the ideabank command acts as) gets the same password.</translation>
    </message>
    <message>
        <source>The two passwords differ; type them again.</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>AnalyticsPage</name>
    <message>
        <source>All time</source>
        <translation>All time</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Custom dates</translation>
    </message>
    <message>
        <source>All studios</source>
        <translation>All studios</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>Figures count only the projects you may see.</source>
        <translation>Figures count only the projects you may see.</translation>
    </message>
    <message>
        <source>Secret projects are counted only for their authors, their studio&apos;s leader and administrators; drafts only for their authors.</source>
        <translation>Secret projects are counted only for their authors, their studio&apos;s leader and administrators; drafts only for their authors.</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>Adoption rate</source>
        <translation>Adoption rate</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Expected benefit (yuan/yr)</source>
        <translation>Expected benefit (yuan/yr)</translation>
    </message>
    <message>
        <source>Measured benefit (yuan/yr)</source>
        <translation>Measured benefit (yuan/yr)</translation>
    </message>
    <message>
        <source>ROI (benefit ÷ investment)</source>
        <translation>ROI (benefit ÷ investment)</translation>
    </message>
    <message>
        <source>Payback (months)</source>
        <translation>Payback (months)</translation>
    </message>
    <message>
        <source>Funnel and time in stage</source>
        <translation>Funnel and time in stage</translation>
    </message>
    <message>
        <source>Stage funnel</source>
        <translation>Stage funnel</translation>
    </message>
    <message>
        <source>Time in stage (days)</source>
        <translation>Time in stage (days)</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>By unit</translation>
    </message>
    <message>
        <source>Participation and adoption by unit</source>
        <translation>Participation and adoption by unit</translation>
    </message>
    <message>
        <source>By studio</source>
        <translation>By studio</translation>
    </message>
    <message>
        <source>Ideas per head by studio</source>
        <translation>Ideas per head by studio</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Trend</translation>
    </message>
    <message>
        <source>Proposals and adoptions by month</source>
        <translation>Proposals and adoptions by month</translation>
    </message>
    <message>
        <source>Benefit and ROI</source>
        <translation>Benefit and ROI</translation>
    </message>
    <message>
        <source>Expected and measured benefit by category</source>
        <translation>Expected and measured benefit by category</translation>
    </message>
    <message>
        <source>Contributors</source>
        <translation>Contributors</translation>
    </message>
    <message>
        <source>Top contributors</source>
        <translation>Top contributors</translation>
    </message>
    <message>
        <source>Export all tables…</source>
        <translation>Export all tables…</translation>
    </message>
    <message>
        <source>Save every table of the analytics as one .xlsx workbook</source>
        <translation>Save every table of the analytics as one .xlsx workbook</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mean</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>Participation</source>
        <translation>Participation</translation>
    </message>
    <message>
        <source>Ideas per head</source>
        <translation>Ideas per head</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Proposals</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>Adopted</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Measured</translation>
    </message>
    <message>
        <source>Expected and measured benefit by category (10,000 yuan/yr)</source>
        <translation>Expected and measured benefit by category (10,000 yuan/yr)</translation>
    </message>
    <message>
        <source>Export all tables as</source>
        <translation>Export all tables as</translation>
    </message>
    <message>
        <source>analytics.xlsx</source>
        <translation>analytics.xlsx</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Cannot save</translation>
    </message>
</context>
<context>
    <name>BudgetTable</name>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>Total %1 yuan</source>
        <translation>Total %1 yuan</translation>
    </message>
    <message>
        <source>Budget row %1: the item is missing.</source>
        <translation>Budget row %1: the item is missing.</translation>
    </message>
    <message>
        <source>Budget row %1 (%2): enter the amount in yuan.</source>
        <translation>Budget row %1 (%2): enter the amount in yuan.</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>Change the campaign</source>
        <translation>Change the campaign</translation>
    </message>
    <message>
        <source>New merit competition</source>
        <translation>New merit competition</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>yuan a year = points, e.g. 10000=2，100000=5</source>
        <translation>yuan a year = points, e.g. 10000=2，100000=5</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>Patents</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>Awards</translation>
    </message>
    <message>
        <source>Measured benefit</source>
        <translation>Measured benefit</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>Authors</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Units taking part</source>
        <translation>Units taking part</translation>
    </message>
    <message>
        <source>A ticked unit takes part with every unit below it; none ticked: every unit.</source>
        <translation>A ticked unit takes part with every unit below it; none ticked: every unit.</translation>
    </message>
    <message>
        <source>Saving the campaign</source>
        <translation>Saving the campaign</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Studios</source>
        <translation>Studios</translation>
    </message>
    <message>
        <source>Export results…</source>
        <translation>Export results…</translation>
    </message>
    <message>
        <source>The four boards and every person&apos;s points as an .xlsx workbook</source>
        <translation>The four boards and every person&apos;s points as an .xlsx workbook</translation>
    </message>
    <message>
        <source>Certificate list…</source>
        <translation>Certificate list…</translation>
    </message>
    <message>
        <source>The first ten places of each board as a PDF list</source>
        <translation>The first ten places of each board as a PDF list</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>New campaign…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <source>Dates, units taking part and point rules of this campaign</source>
        <translation>Dates, units taking part and point rules of this campaign</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>{name} ({state})</source>
        <translation>{name} ({state})</translation>
    </message>
    <message>
        <source>No merit competition yet: an administrator sets one up (New campaign…).</source>
        <translation>No merit competition yet: an administrator sets one up (New campaign…).</translation>
    </message>
    <message>
        <source>Whole campaign</source>
        <translation>Whole campaign</translation>
    </message>
    <message>
        <source>{theme} {start} – {end}; {n} projects entered</source>
        <translation>{theme} {start} – {end}; {n} projects entered</translation>
    </message>
    <message>
        <source>{name} ({no})</source>
        <translation>{name} ({no})</translation>
    </message>
    <message>
        <source>Choose a person on the people&apos;s board to see their points</source>
        <translation>Choose a person on the people&apos;s board to see their points</translation>
    </message>
    <message>
        <source>{name}: {points} points</source>
        <translation>{name}: {points} points</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Save the results as</source>
        <translation>Save the results as</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Saved {path}</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Save as PNG…</source>
        <translation>Save as PNG…</translation>
    </message>
    <message>
        <source>Save this chart as an image</source>
        <translation>Save this chart as an image</translation>
    </message>
    <message>
        <source>Cannot write {path}</source>
        <translation>Cannot write {path}</translation>
    </message>
    <message>
        <source>Save the chart as</source>
        <translation>Save the chart as</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Cannot save</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check database</source>
        <translation>Check database</translation>
    </message>
    <message>
        <source>Repair…</source>
        <translation>Repair…</translation>
    </message>
    <message>
        <source>Repair what can be repaired; you may name a folder holding good copies of damaged or missing files</source>
        <translation>Repair what can be repaired; you may name a folder holding good copies of damaged or missing files</translation>
    </message>
    <message>
        <source>Repaired: %1</source>
        <translation>Repaired: %1</translation>
    </message>
    <message>
        <source>Check passed: the database is sound.</source>
        <translation>Check passed: the database is sound.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>%n problem found.</numerusform>
            <numerusform>%n problems found.</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder with good copies of the files (Cancel: none)</source>
        <translation>Folder with good copies of the files (Cancel: none)</translation>
    </message>
    <message>
        <source>Repairing the database</source>
        <translation>Repairing the database</translation>
    </message>
    <message>
        <source>Checking the database</source>
        <translation>Checking the database</translation>
    </message>
</context>
<context>
    <name>CompliancePage</name>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Add a record…</source>
        <translation>Add a record…</translation>
    </message>
    <message>
        <source>An activity, a study session or a reward of this studio</source>
        <translation>An activity, a study session or a reward of this studio</translation>
    </message>
    <message>
        <source>Export ledger…</source>
        <translation>Export ledger…</translation>
    </message>
    <message>
        <source>The studio&apos;s ledger for the year as an .xlsx workbook</source>
        <translation>The studio&apos;s ledger for the year as an .xlsx workbook</translation>
    </message>
    <message>
        <source>{n} of {total} studios have all six.</source>
        <translation>{n} of {total} studios have all six.</translation>
    </message>
    <message>
        <source>Choose a studio above</source>
        <translation>Choose a studio above</translation>
    </message>
    <message>
        <source>Export the ledger as</source>
        <translation>Export the ledger as</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Saved {path}</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>Saving the studio ledger</source>
        <translation>Saving the studio ledger</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>Show settled ones</source>
        <translation>Show settled ones</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation type="vanished">Value kept</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>Other value</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Keep the value kept</source>
        <translation type="vanished">Keep the value kept</translation>
    </message>
    <message>
        <source>Use the other value</source>
        <translation>Use the other value</translation>
    </message>
    <message>
        <source>Delete the record</source>
        <translation>Delete the record</translation>
    </message>
    <message>
        <source>Open the project</source>
        <translation>Open the project</translation>
    </message>
    <message>
        <source>When two places changed the same thing before synchronising, the later change is kept and the other is listed here, so nothing typed is lost. Leaders settle their studio&apos;s conflicts; everyone sees the changes of theirs the hub refused.</source>
        <translation>When two places changed the same thing before synchronising, the later change is kept and the other is listed here, so nothing typed is lost. Leaders settle their studio&apos;s conflicts; everyone sees the changes of theirs the hub refused.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Settled</translation>
    </message>
    <message numerus="yes">
        <source>%n open conflict(s)</source>
        <translation>
            <numerusform>%n open conflict</numerusform>
            <numerusform>%n open conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>Current value</translation>
    </message>
    <message>
        <source>Keep the current value</source>
        <translation>Keep the current value</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Kiosk: propose an idea as %1</source>
        <translation>Kiosk: propose an idea as %1</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>Thank you</translation>
    </message>
    <message>
        <source>Your idea was submitted. Your studio leader will confirm and review it; you will find the answer under your notices.</source>
        <translation>Your idea was submitted. Your studio leader will confirm and review it; you will find the answer under your notices.</translation>
    </message>
    <message>
        <source>Today&apos;s notices</source>
        <translation>Today&apos;s notices</translation>
    </message>
</context>
<context>
    <name>DamagedOffer</name>
    <message>
        <source>The database is damaged</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <source>Restore the backup of %1</source>
        <translation>Restore the backup of %1</translation>
    </message>
    <message>
        <source>Start with an empty bank</source>
        <translation>Start with an empty bank</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>DeliveryStatus</name>
    <message>
        <source>Delivering warnings</source>
        <translation>Delivering warnings</translation>
    </message>
    <message>
        <source>{n} new notices and {d} digests; {w} warnings in all</source>
        <translation>{n} new notices and {d} digests; {w} warnings in all</translation>
    </message>
    <message>
        <source>Warnings delivered {time}</source>
        <translation>Warnings delivered {time}</translation>
    </message>
    <message>
        <source>Warnings not delivered</source>
        <translation>Warnings not delivered</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Withdraw to draft</source>
        <translation>Withdraw to draft</translation>
    </message>
    <message>
        <source>Revise and resubmit</source>
        <translation>Revise and resubmit</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>Start work</translation>
    </message>
    <message>
        <source>Mark completed</source>
        <translation>Mark completed</translation>
    </message>
    <message>
        <source>Send to incubation</source>
        <translation>Send to incubation</translation>
    </message>
    <message>
        <source>Mark promoted</source>
        <translation>Mark promoted</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Review…</translation>
    </message>
    <message>
        <source>Confirm kiosk proposal</source>
        <translation>Confirm kiosk proposal</translation>
    </message>
    <message>
        <source>More</source>
        <translation>More</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Drop files here to attach them. Double-click to open.</source>
        <translation>Drop files here to attach them. Double-click to open.</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Write a comment; type @ to mention someone</source>
        <translation>Write a comment; type @ to mention someone</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Discussion</source>
        <translation>Discussion</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reviews</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Select a project in the list to see it here.</source>
        <translation>Select a project in the list to see it here.</translation>
    </message>
    <message>
        <source>Kiosk proposal, not yet confirmed</source>
        <translation>Kiosk proposal, not yet confirmed</translation>
    </message>
    <message numerus="yes">
        <source>Withdraw vote (%n)</source>
        <translation>
            <numerusform>Withdraw vote (%n)</numerusform>
            <numerusform>Withdraw vote (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Vote (%n)</source>
        <translation>
            <numerusform>Vote (%n)</numerusform>
            <numerusform>Vote (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Export dossier…</source>
        <translation>Export dossier…</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Proposer and co-authors</source>
        <translation>Proposer and co-authors</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Background</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>Solution</translation>
    </message>
    <message>
        <source>Innovation points</source>
        <translation>Innovation points</translation>
    </message>
    <message>
        <source>Implementation</source>
        <translation>Implementation</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>Expected benefit</source>
        <translation>Expected benefit</translation>
    </message>
    <message>
        <source>%1 yuan/year</source>
        <translation>%1 yuan/year</translation>
    </message>
    <message>
        <source>Measured benefit</source>
        <translation>Measured benefit</translation>
    </message>
    <message>
        <source>Basis of the benefit</source>
        <translation>Basis of the benefit</translation>
    </message>
    <message>
        <source>Investment</source>
        <translation>Investment</translation>
    </message>
    <message>
        <source>Social benefit</source>
        <translation>Social benefit</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>Promotion</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>Patents</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>Awards</translation>
    </message>
    <message>
        <source>Confidentiality</source>
        <translation>Confidentiality</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message numerus="yes">
        <source>Attachments (%n)</source>
        <translation>
            <numerusform>Attachments (%n)</numerusform>
            <numerusform>Attachments (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discussion (%n)</source>
        <translation>
            <numerusform>Discussion (%n)</numerusform>
            <numerusform>Discussion (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>No reviews yet.</source>
        <translation>No reviews yet.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Private note</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>Adopted</translation>
    </message>
    <message>
        <source>Not adopted</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <source>Scores only</source>
        <translation>Scores only</translation>
    </message>
    <message>
        <source>Replying to %1 (click elsewhere in the list to change)</source>
        <translation>Replying to %1 (click elsewhere in the list to change)</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <source>Undo the merge</source>
        <translation>Undo the merge</translation>
    </message>
</context>
<context>
    <name>DispatchPage</name>
    <message>
        <source>All my tasks</source>
        <translation>All my tasks</translation>
    </message>
    <message>
        <source>Sent by me</source>
        <translation>Sent by me</translation>
    </message>
    <message>
        <source>For my units</source>
        <translation>For my units</translation>
    </message>
    <message>
        <source>Open and closed</source>
        <translation>Open and closed</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Dispatch…</source>
        <translation>Dispatch…</translation>
    </message>
    <message>
        <source>Send a task or notice to many units at once</source>
        <translation>Send a task or notice to many units at once</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Choose a task above</source>
        <translation>Choose a task above</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>Latest report</source>
        <translation>Latest report</translation>
    </message>
    <message>
        <source>Remind…</source>
        <translation>Remind…</translation>
    </message>
    <message>
        <source>Remind the selected unit, or every unit still owing a report</source>
        <translation>Remind the selected unit, or every unit still owing a report</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Report…</translation>
    </message>
    <message>
        <source>Report progress or, with 100 %, the unit&apos;s summary for acceptance</source>
        <translation>Report progress or, with 100 %, the unit&apos;s summary for acceptance</translation>
    </message>
    <message>
        <source>Units behind schedule are warned, and their responsible people told.</source>
        <translation>Units behind schedule are warned, and their responsible people told.</translation>
    </message>
    <message>
        <source>Tasks: {n}; with units overdue: {late}</source>
        <translation>Tasks: {n}; with units overdue: {late}</translation>
    </message>
    <message>
        <source>{number} {title} — due {due}</source>
        <translation>{number} {title} — due {due}</translation>
    </message>
    <message>
        <source>{kind}: {note}</source>
        <translation>{kind}: {note}</translation>
    </message>
    <message>
        <source>Returned: {reason}</source>
        <translation>Returned: {reason}</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>Remind</source>
        <translation>Remind</translation>
    </message>
    <message>
        <source>A note with the reminder (may be empty):</source>
        <translation>A note with the reminder (may be empty):</translation>
    </message>
    <message>
        <source>Return the report</source>
        <translation>Return the report</translation>
    </message>
    <message>
        <source>Why is {unit}&apos;s report returned?</source>
        <translation>Why is {unit}&apos;s report returned?</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Progress in per cent (100: the summary for acceptance):</source>
        <translation>Progress in per cent (100: the summary for acceptance):</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>What was done:</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export dossier</source>
        <translation>Export dossier</translation>
    </message>
    <message>
        <source>Export the listed projects</source>
        <translation>Export the listed projects</translation>
    </message>
    <message>
        <source>Five-small innovation declaration (national_wuxiao)</source>
        <translation type="vanished">Five-small innovation declaration (national_wuxiao)</translation>
    </message>
    <message>
        <source>Company achievement archive (company_archive)</source>
        <translation type="vanished">Company achievement archive (company_archive)</translation>
    </message>
    <message>
        <source>One PDF per project, into a folder</source>
        <translation>One PDF per project, into a folder</translation>
    </message>
    <message>
        <source>One combined PDF</source>
        <translation>One combined PDF</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Template:</translation>
    </message>
    <message numerus="yes">
        <source>%n project(s) in the current list.</source>
        <translation>
            <numerusform>%n project in the current list.</numerusform>
            <numerusform>%n projects in the current list.</numerusform>
        </translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Output:</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Save the PDF as</source>
        <translation>Save the PDF as</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Folder for the PDF files</source>
        <translation>Folder for the PDF files</translation>
    </message>
    <message>
        <source>Choose where to save the export first.</source>
        <translation>Choose where to save the export first.</translation>
    </message>
    <message>
        <source>Five-small innovation declaration</source>
        <translation>Five-small innovation declaration</translation>
    </message>
    <message>
        <source>Company achievement archive</source>
        <translation>Company achievement archive</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Exporting the dossier…</source>
        <translation>Exporting the dossier…</translation>
    </message>
    <message>
        <source>Exporting the dossier</source>
        <translation>Exporting the dossier</translation>
    </message>
    <message>
        <source>Export the listed projects</source>
        <translation>Export the listed projects</translation>
    </message>
    <message>
        <source>The list is empty: there is nothing to export.</source>
        <translation>The list is empty: there is nothing to export.</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n dossier(s)…</source>
        <translation>
            <numerusform>Exporting %n dossier…</numerusform>
            <numerusform>Exporting %n dossiers…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Exporting dossiers</source>
        <translation>Exporting dossiers</translation>
    </message>
    <message>
        <source>Stopping after the current dossier…</source>
        <translation>Stopping after the current dossier…</translation>
    </message>
    <message>
        <source>Writing the annual report…</source>
        <translation>Writing the annual report…</translation>
    </message>
    <message>
        <source>Writing the annual report</source>
        <translation>Writing the annual report</translation>
    </message>
    <message>
        <source>Export cancelled: %1 of %2 dossier(s) were written.</source>
        <translation>Export cancelled: %1 of %2 dossier(s) were written.</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n page(s) to %1</source>
        <translation>
            <numerusform>Saved %n page to %1</numerusform>
            <numerusform>Saved %n pages to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Export dossier</source>
        <translation>Export dossier</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>With measured benefit</source>
        <translation>With measured benefit</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>Save view…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>Saved views</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>View:</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>All studios</source>
        <translation>All studios</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Save view</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>Name of this view:</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>This is a file, not a folder.</translation>
    </message>
    <message>
        <source>This folder is not empty. Choose an empty or a new folder.</source>
        <translation>This folder is not empty. Choose an empty or a new folder.</translation>
    </message>
    <message>
        <source>This folder cannot be written to. Choose another one.</source>
        <translation>This folder cannot be written to. Choose another one.</translation>
    </message>
    <message>
        <source>Welcome to Idea Bank</source>
        <translation>Welcome to Idea Bank</translation>
    </message>
    <message>
        <source>Creating demo data…</source>
        <translation>Creating demo data…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Joining the hub and fetching its data (a large bank takes a few minutes)…</source>
        <translation>Joining the hub and fetching its data (a large bank takes a few minutes)…</translation>
    </message>
    <message>
        <source>Creating the bank…</source>
        <translation>Creating the bank…</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>Welcome to Idea Bank</source>
        <translation type="vanished">Welcome to Idea Bank</translation>
    </message>
    <message>
        <source>The bank is empty. Fill it with demo data (a power company with studios, people and 2,000 projects) to try things out?</source>
        <translation type="vanished">The bank is empty. Fill it with demo data (a power company with studios, people and 2,000 projects) to try things out?</translation>
    </message>
    <message>
        <source>Creating demo data…</source>
        <translation type="vanished">Creating demo data…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="vanished">Cancel</translation>
    </message>
    <message>
        <source>Cannot open the idea bank</source>
        <translation>Cannot open the idea bank</translation>
    </message>
    <message>
        <source>ideabank-gui: %1 is already open in another window; it was brought to the front.</source>
        <translation>ideabank-gui: %1 is already open in another window; it was brought to the front.</translation>
    </message>
    <message>
        <source>Idea Bank</source>
        <translation>Idea Bank</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message>
        <source>Where to keep the data</source>
        <translation>Where to keep the data</translation>
    </message>
    <message>
        <source>The database, attachments, search index and automatic backups live in one folder. Back it up with the rest of your documents.</source>
        <translation>The database, attachments, search index and automatic backups live in one folder. Back it up with the rest of your documents.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Chosen with --data-dir or IDEABANK_HOME.</source>
        <translation>Chosen with --data-dir or IDEABANK_HOME.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
</context>
<context>
    <name>HubDialog</name>
    <message>
        <source>Synchronise with hub</source>
        <translation>Synchronise with hub</translation>
    </message>
    <message>
        <source>Sends what changed on this computer to the central hub and brings back what changed elsewhere. Work already synchronised is not sent again; an interrupted sync continues where it stopped.</source>
        <translation>Sends what changed on this computer to the central hub and brings back what changed elsewhere. Work already synchronised is not sent again; an interrupted sync continues where it stopped.</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <source>Synchronise</source>
        <translation>Synchronise</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address.</source>
        <translation>Enter the hub&apos;s address.</translation>
    </message>
</context>
<context>
    <name>HubPage</name>
    <message>
        <source>Join a hub</source>
        <translation>Join a hub</translation>
    </message>
    <message>
        <source>Ask your administrator for the hub&apos;s address; sign in with your hub account.</source>
        <translation>Ask your administrator for the hub&apos;s address; sign in with your hub account.</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>Employee number</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address and your employee number.</source>
        <translation>Enter the hub&apos;s address and your employee number.</translation>
    </message>
</context>
<context>
    <name>IdeaBoard</name>
    <message>
        <source>Idea board</source>
        <translation>Idea board</translation>
    </message>
    <message>
        <source>Drag a card to another stage to take that step; a move that is not allowed snaps back and the status bar says why. Double-click a card to open the project.</source>
        <translation>Drag a card to another stage to take that step; a move that is not allowed snaps back and the status bar says why. Double-click a card to open the project.</translation>
    </message>
    <message>
        <source>All studios</source>
        <translation>All studios</translation>
    </message>
    <message>
        <source>The %1 longest in this stage; the list shows them all.</source>
        <translation>The %1 longest in this stage; the list shows them all.</translation>
    </message>
    <message>
        <source>Entered today</source>
        <translation>Entered today</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) in stage</source>
        <translation>
            <numerusform>%n day in stage</numerusform>
            <numerusform>%n days in stage</numerusform>
        </translation>
    </message>
    <message>
        <source>A project cannot go from “%1” straight to “%2”.</source>
        <translation>A project cannot go from “%1” straight to “%2”.</translation>
    </message>
    <message>
        <source>Its next stage can be: %1.</source>
        <translation>Its next stage can be: %1.</translation>
    </message>
    <message>
        <source>It has no next stage.</source>
        <translation>It has no next stage.</translation>
    </message>
    <message>
        <source>The project is now “%1”.</source>
        <translation>The project is now “%1”.</translation>
    </message>
    <message>
        <source>Review cancelled: the card stays where it was.</source>
        <translation>Review cancelled: the card stays where it was.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import projects</source>
        <translation>Import projects</translation>
    </message>
    <message>
        <source>Fill the template in WPS, Excel or LibreOffice and save it as .xlsx; .csv and .json files exported by the app import too. Every row is checked first: nothing is imported unless all rows are right.</source>
        <translation>Fill the template in WPS, Excel or LibreOffice and save it as .xlsx; .csv and .json files exported by the app import too. Every row is checked first: nothing is imported unless all rows are right.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Save template…</translation>
    </message>
    <message>
        <source>Problems found in the file are listed here, row by row.</source>
        <translation>Problems found in the file are listed here, row by row.</translation>
    </message>
    <message>
        <source>Check only</source>
        <translation>Check only</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Tables (*.xlsx *.csv *.json)</source>
        <translation>Tables (*.xlsx *.csv *.json)</translation>
    </message>
    <message>
        <source>Save the import template as</source>
        <translation>Save the import template as</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Saving the template</source>
        <translation>Saving the template</translation>
    </message>
    <message>
        <source>Template saved to %1. Fill it in, save it, then choose it above.</source>
        <translation>Template saved to %1. Fill it in, save it, then choose it above.</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>Choose a file first.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>Checking the file</source>
        <translation>Checking the file</translation>
    </message>
    <message>
        <source>Importing projects</source>
        <translation>Importing projects</translation>
    </message>
    <message numerus="yes">
        <source>Check passed: %n project(s) can be imported. Nothing was written.</source>
        <translation>
            <numerusform>Check passed: %n project can be imported. Nothing was written.</numerusform>
            <numerusform>Check passed: %n projects can be imported. Nothing was written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n project(s).</source>
        <translation>
            <numerusform>Imported %n project.</numerusform>
            <numerusform>Imported %n projects.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import people workbook</source>
        <translation>Import people workbook</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx *.csv)</source>
        <translation>Workbooks (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>Save template</translation>
    </message>
    <message>
        <source>people-workbook.xlsx</source>
        <translation>people-workbook.xlsx</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>Workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>Template saved: %1</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Import %1</translation>
    </message>
    <message>
        <source>Checking the workbook…</source>
        <translation>Checking the workbook…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have problems; nothing can be imported until they are fixed in the workbook.</source>
        <translation>
            <numerusform>%n row has a problem; nothing can be imported until it is fixed in the workbook.</numerusform>
            <numerusform>%n rows have problems; nothing can be imported until they are fixed in the workbook.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything in this workbook is already in the bank; importing it changes nothing.</source>
        <translation>Everything in this workbook is already in the bank; importing it changes nothing.</translation>
    </message>
    <message>
        <source>The workbook is fine. Import it?</source>
        <translation>The workbook is fine. Import it?</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>Imported: %1</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import the workbook</source>
        <translation>Import the workbook</translation>
    </message>
    <message>
        <source>Choose workbook…</source>
        <translation>Choose workbook…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Save template…</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>Save template</translation>
    </message>
    <message>
        <source>people-workbook.xlsx</source>
        <translation>people-workbook.xlsx</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>Workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>Workbook</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx *.csv)</source>
        <translation>Workbooks (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>The workbook is fine.</source>
        <translation>The workbook is fine.</translation>
    </message>
    <message>
        <source>Fix the rows marked in red in the workbook, then choose it again.</source>
        <translation>Fix the rows marked in red in the workbook, then choose it again.</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Unread only</source>
        <translation>Unread only</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>Mark all read</translation>
    </message>
    <message>
        <source>Double-click a notice to open its project.</source>
        <translation>Double-click a notice to open its project.</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notice(s)</source>
        <translation>
            <numerusform>%n unread notice</numerusform>
            <numerusform>%n unread notices</numerusform>
        </translation>
    </message>
    <message>
        <source>No notices yet. You will be told here of every decision, comment and mention that concerns you.</source>
        <translation>No notices yet. You will be told here of every decision, comment and mention that concerns you.</translation>
    </message>
    <message>
        <source>Add as co-author</source>
        <translation>Add as co-author</translation>
    </message>
    <message>
        <source>Take the person who asked on as a co-author of the project</source>
        <translation>Take the person who asked on as a co-author of the project</translation>
    </message>
    <message>
        <source>%1 is now a co-author.</source>
        <translation>%1 is now a co-author.</translation>
    </message>
</context>
<context>
    <name>LedgerRecordDialog</name>
    <message>
        <source>Add to the ledger of {studio}</source>
        <translation>Add to the ledger of {studio}</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>yuan, e.g. 2000 or 0.2万</source>
        <translation>yuan, e.g. 2000 or 0.2万</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Saving the record</source>
        <translation>Saving the record</translation>
    </message>
</context>
<context>
    <name>LogoSection</name>
    <message>
        <source>Choose picture…</source>
        <translation>Choose picture…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>A PNG or JPEG picture (up to 5 MB), printed at the top of the studio&apos;s dossiers.</source>
        <translation>A PNG or JPEG picture (up to 5 MB), printed at the top of the studio&apos;s dossiers.</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>No logo</translation>
    </message>
    <message>
        <source>Studio logo</source>
        <translation>Studio logo</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>Pictures (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Idea Bank</source>
        <translation>Idea Bank</translation>
    </message>
    <message>
        <source>You have an idea that was not sent yet: press Ctrl+N to go on where you stopped.</source>
        <translation>You have an idea that was not sent yet: press Ctrl+N to go on where you stopped.</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>Propose idea</source>
        <translation>Propose idea</translation>
    </message>
    <message>
        <source>Propose a new idea (Ctrl+N)</source>
        <translation>Propose a new idea (Ctrl+N)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Reload the lists (F5)</source>
        <translation>Reload the lists (F5)</translation>
    </message>
    <message>
        <source>Search ideas (Ctrl+F): words, numbers, people…</source>
        <translation>Search ideas (Ctrl+F): words, numbers, people…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Export dossier…</source>
        <translation>Export dossier…</translation>
    </message>
    <message>
        <source>Export the selected project&apos;s dossier as a PDF</source>
        <translation>Export the selected project&apos;s dossier as a PDF</translation>
    </message>
    <message>
        <source>Export the listed projects…</source>
        <translation>Export the listed projects…</translation>
    </message>
    <message>
        <source>Studio annual report…</source>
        <translation>Studio annual report…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Dossiers (成果档案) and annual reports as PDF</source>
        <translation>Dossiers (成果档案) and annual reports as PDF</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Select a project first, then export its dossier.</source>
        <translation>Select a project first, then export its dossier.</translation>
    </message>
    <message>
        <source>Refreshed.</source>
        <translation>Refreshed.</translation>
    </message>
    <message>
        <source>Writing the search index…</source>
        <translation>Writing the search index…</translation>
    </message>
    <message>
        <source>Preparing the search index</source>
        <translation>Preparing the search index</translation>
    </message>
</context>
<context>
    <name>MentionEdit</name>
    <message>
        <source>no unit</source>
        <translation>no unit</translation>
    </message>
</context>
<context>
    <name>MilestoneTable</name>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Milestone row %1: the title is missing.</source>
        <translation>Milestone row %1: the title is missing.</translation>
    </message>
    <message>
        <source>Milestone row %1 (%2): pick the due date.</source>
        <translation>Milestone row %1 (%2): pick the due date.</translation>
    </message>
</context>
<context>
    <name>OrgForms</name>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <source>Units</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Studios</source>
        <translation>Studios</translation>
    </message>
    <message>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <source>Import workbook…</source>
        <translation>Import workbook…</translation>
    </message>
    <message>
        <source>Units, studios and people from one workbook (.xlsx or .csv)</source>
        <translation>Units, studios and people from one workbook (.xlsx or .csv)</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Save template…</translation>
    </message>
    <message>
        <source>The workbook to fill in WPS, Excel or LibreOffice</source>
        <translation>The workbook to fill in WPS, Excel or LibreOffice</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Add unit…</source>
        <translation>Add unit…</translation>
    </message>
    <message>
        <source>Edit or move…</source>
        <translation>Edit or move…</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Founded</source>
        <translation>Founded</translation>
    </message>
    <message>
        <source>Premises</source>
        <translation>Premises</translation>
    </message>
    <message>
        <source>Funds (yuan/yr)</source>
        <translation>Funds (yuan/yr)</translation>
    </message>
    <message>
        <source>Add studio…</source>
        <translation>Add studio…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Rubric, answer templates, warning thresholds and logo</source>
        <translation>Rubric, answer templates, warning thresholds and logo</translation>
    </message>
    <message>
        <source>Shared settings…</source>
        <translation>Shared settings…</translation>
    </message>
    <message>
        <source>Answer templates and warning thresholds for studios without their own</source>
        <translation>Answer templates and warning thresholds for studios without their own</translation>
    </message>
    <message>
        <source>Find by employee number or name</source>
        <translation>Find by employee number or name</translation>
    </message>
    <message>
        <source>Show deactivated people</source>
        <translation>Show deactivated people</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>Employee number</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Skill grade</source>
        <translation>Skill grade</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Add person…</source>
        <translation>Add person…</translation>
    </message>
    <message>
        <source>Role…</source>
        <translation>Role…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation>Add member…</translation>
    </message>
    <message>
        <source>Take a person into your studio by their employee number</source>
        <translation>Take a person into your studio by their employee number</translation>
    </message>
    <message>
        <source>Remove from studio</source>
        <translation>Remove from studio</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>deactivated</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) shown</source>
        <translation>
            <numerusform>%n person shown</numerusform>
            <numerusform>%n people shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>Password reset.</source>
        <translation>Password reset.</translation>
    </message>
    <message>
        <source>Deactivate %1? They can no longer sign in; their projects, reviews and points stay. You can reactivate them at any time.</source>
        <translation>Deactivate %1? They can no longer sign in; their projects, reviews and points stay. You can reactivate them at any time.</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Employee number of the person joining %1:</source>
        <translation>Employee number of the person joining %1:</translation>
    </message>
</context>
<context>
    <name>PackageActions</name>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Checking</translation>
    </message>
    <message>
        <source>Applying</source>
        <translation>Applying</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>Export package</translation>
    </message>
    <message>
        <source>This site trusts no other site yet. Open Site identity, trust the other site&apos;s key file, then export.</source>
        <translation>This site trusts no other site yet. Open Site identity, trust the other site&apos;s key file, then export.</translation>
    </message>
    <message>
        <source>Wrote %1 for site %2: %3 records and %4 attachments (sequence %5–%6).</source>
        <translation>Wrote %1 for site %2: %3 records and %4 attachments (sequence %5–%6).</translation>
    </message>
    <message>
        <source>%1 attachment files are not on this computer and were left out.</source>
        <translation>%1 attachment files are not on this computer and were left out.</translation>
    </message>
    <message>
        <source>Package exported</source>
        <translation>Package exported</translation>
    </message>
    <message>
        <source>Exporting package…</source>
        <translation>Exporting package…</translation>
    </message>
    <message>
        <source>Import package</source>
        <translation>Import package</translation>
    </message>
    <message>
        <source>Exchange packages (*%1)</source>
        <translation>Exchange packages (*%1)</translation>
    </message>
    <message>
        <source>Imported the package from site %1: %2 records and %3 attachments (sequence %4–%5).</source>
        <translation>Imported the package from site %1: %2 records and %3 attachments (sequence %4–%5).</translation>
    </message>
    <message>
        <source>Package imported</source>
        <translation>Package imported</translation>
    </message>
    <message>
        <source>Importing package…</source>
        <translation>Importing package…</translation>
    </message>
    <message>
        <source>%1 conflicts to settle: see the conflicts list.</source>
        <translation>%1 conflicts to settle: see the conflicts list.</translation>
    </message>
</context>
<context>
    <name>PackageExportDialog</name>
    <message>
        <source>Export package</source>
        <translation>Export package</translation>
    </message>
    <message>
        <source>Everything after sequence number</source>
        <translation>Everything after sequence number</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>The package is signed by this site and encrypted for the receiving site only: a lost USB stick reveals nothing.</source>
        <translation>The package is signed by this site and encrypted for the receiving site only: a lost USB stick reveals nothing.</translation>
    </message>
    <message>
        <source>To site</source>
        <translation>To site</translation>
    </message>
    <message>
        <source>What to send</source>
        <translation>What to send</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>Package file</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>What the site has not acknowledged (after %1)</source>
        <translation>What the site has not acknowledged (after %1)</translation>
    </message>
    <message>
        <source>Exchange packages (*%1)</source>
        <translation>Exchange packages (*%1)</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <source>Choose where to write the package.</source>
        <translation>Choose where to write the package.</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Idea bank</source>
        <translation>Idea bank</translation>
    </message>
    <message>
        <source>My projects</source>
        <translation>My projects</translation>
    </message>
    <message>
        <source>Awaiting my review</source>
        <translation>Awaiting my review</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Notices</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>Tackling teams and the maker alliance will be shown here: forming a team around a project, open calls and members.</source>
        <translation type="vanished">Tackling teams and the maker alliance will be shown here: forming a team around a project, open calls and members.</translation>
    </message>
    <message>
        <source>Incubation</source>
        <translation>Incubation</translation>
    </message>
    <message>
        <source>Requests to the incubation base will be shown here: prototype processing, volume production and market promotion.</source>
        <translation type="vanished">Requests to the incubation base will be shown here: prototype processing, volume production and market promotion.</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="vanished">Statistics</translation>
    </message>
    <message>
        <source>Statistics by unit, studio, category and year will be shown here.</source>
        <translation type="vanished">Statistics by unit, studio, category and year will be shown here.</translation>
    </message>
    <message>
        <source>Studios</source>
        <translation>Studios</translation>
    </message>
    <message>
        <source>The innovation studios, their leaders and members will be shown here.</source>
        <translation type="vanished">The innovation studios, their leaders and members will be shown here.</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>Analytics</translation>
    </message>
    <message>
        <source>Studio compliance</source>
        <translation>Studio compliance</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Merit competitions</source>
        <translation>Merit competitions</translation>
    </message>
    <message>
        <source>Dispatched tasks</source>
        <translation>Dispatched tasks</translation>
    </message>
    <message>
        <source>Idea board</source>
        <translation>Idea board</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>A new password for %1. Tell it to them in person; they can change it after signing in.</source>
        <translation>A new password for %1. Tell it to them in person; they can change it after signing in.</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Repeat it</translation>
    </message>
    <message numerus="yes">
        <source>A password needs at least %n characters.</source>
        <translation>
            <numerusform>A password needs at least %n character.</numerusform>
            <numerusform>A password needs at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ; type them again.</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit person</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Add person</translation>
    </message>
    <message>
        <source>e.g. 0012001</source>
        <translation>e.g. 0012001</translation>
    </message>
    <message>
        <source>One honour per line, e.g. 全国劳动模范</source>
        <translation>One honour per line, e.g. 全国劳动模范</translation>
    </message>
    <message>
        <source>Leave empty: they choose one at their first sign-in</source>
        <translation>Leave empty: they choose one at their first sign-in</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>Employee number</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Skill grade</source>
        <translation>Skill grade</translation>
    </message>
    <message>
        <source>Specialty</source>
        <translation>Specialty</translation>
    </message>
    <message>
        <source>Honours</source>
        <translation>Honours</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Change the role with the Role… button</source>
        <translation>Change the role with the Role… button</translation>
    </message>
    <message>
        <source>Enter the employee number.</source>
        <translation>Enter the employee number.</translation>
    </message>
    <message>
        <source>Enter the name.</source>
        <translation>Enter the name.</translation>
    </message>
</context>
<context>
    <name>PlanTable</name>
    <message>
        <source>Add row</source>
        <translation>Add row</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Remove row</translation>
    </message>
</context>
<context>
    <name>ProjectTable</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Proposer</source>
        <translation>Proposer</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Expected benefit (yuan/yr)</source>
        <translation>Expected benefit (yuan/yr)</translation>
    </message>
    <message>
        <source>Measured benefit (yuan/yr)</source>
        <translation>Measured benefit (yuan/yr)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>%n project</numerusform>
            <numerusform>%n projects</numerusform>
        </translation>
    </message>
    <message>
        <source> matching “%1”</source>
        <translation> matching “%1”</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <source>Edit project</source>
        <translation>Edit project</translation>
    </message>
    <message>
        <source>Propose an idea</source>
        <translation>Propose an idea</translation>
    </message>
    <message>
        <source>One line: what does the idea improve?</source>
        <translation>One line: what does the idea improve?</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>What problem did you see at work?</source>
        <translation>What problem did you see at work?</translation>
    </message>
    <message>
        <source>How do you solve it?</source>
        <translation>How do you solve it?</translation>
    </message>
    <message>
        <source>Innovation point %1</source>
        <translation>Innovation point %1</translation>
    </message>
    <message>
        <source>e.g. 12000 or 1.2万 (yuan per year)</source>
        <translation>e.g. 12000 or 1.2万 (yuan per year)</translation>
    </message>
    <message>
        <source>Separated by commas</source>
        <translation>Separated by commas</translation>
    </message>
    <message>
        <source>Employee numbers, in order of contribution</source>
        <translation>Employee numbers, in order of contribution</translation>
    </message>
    <message>
        <source>Drop photos or documents here</source>
        <translation>Drop photos or documents here</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>Title *</translation>
    </message>
    <message>
        <source>Category *</source>
        <translation>Category *</translation>
    </message>
    <message>
        <source>Background *</source>
        <translation>Background *</translation>
    </message>
    <message>
        <source>Solution *</source>
        <translation>Solution *</translation>
    </message>
    <message>
        <source>Innovation points * (up to 3)</source>
        <translation>Innovation points * (up to 3)</translation>
    </message>
    <message>
        <source>Expected benefit</source>
        <translation>Expected benefit</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Co-authors</source>
        <translation>Co-authors</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Similar existing projects</source>
        <translation type="vanished">Similar existing projects</translation>
    </message>
    <message>
        <source>Check these before proposing: maybe someone had the idea already, and you can comment or join instead.</source>
        <translation type="vanished">Check these before proposing: maybe someone had the idea already, and you can comment or join instead.</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>Save as draft</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Restored what you typed on %1. Nothing typed is lost: the form saves itself every few seconds.</source>
        <translation>Restored what you typed on %1. Nothing typed is lost: the form saves itself every few seconds.</translation>
    </message>
    <message>
        <source>Still needed: %1</source>
        <translation>Still needed: %1</translation>
    </message>
    <message>
        <source>Ready to submit. Your studio leader will be told.</source>
        <translation>Ready to submit. Your studio leader will be told.</translation>
    </message>
    <message>
        <source>Draft saved %1</source>
        <translation>Draft saved %1</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <source>Saving the draft…</source>
        <translation>Saving the draft…</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Studio annual report</source>
        <translation>Studio annual report</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Studio:</source>
        <translation>Studio:</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Save the PDF as</source>
        <translation>Save the PDF as</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>There is no studio to report on.</source>
        <translation>There is no studio to report on.</translation>
    </message>
    <message>
        <source>Choose where to save the report first.</source>
        <translation>Choose where to save the report first.</translation>
    </message>
</context>
<context>
    <name>ReportTable</name>
    <message>
        <source>Export to Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>Save this table as an .xlsx workbook</source>
        <translation>Save this table as an .xlsx workbook</translation>
    </message>
    <message>
        <source>Export the table as</source>
        <translation>Export the table as</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Cannot save</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Sheet</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Name or number</source>
        <translation>Name or number</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>Choose the backup to restore. It is checked first; the current database is backed up before it is replaced, and everyone is signed out afterwards.</source>
        <translation>Choose the backup to restore. It is checked first; the current database is backed up before it is replaced, and everyone is signed out afterwards.</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>before a restore</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>before an upgrade</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>Other file…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <source>Idea Bank backups (*.sqlite);;All files (*)</source>
        <translation>Idea Bank backups (*.sqlite);;All files (*)</translation>
    </message>
    <message numerus="yes">
        <source>Replace the current data with %1 (%n project(s))? The current database is backed up first. Everyone is signed out afterwards.</source>
        <translation>
            <numerusform>Replace the current data with %1 (%n project)? The current database is backed up first. Everyone is signed out afterwards.</numerusform>
            <numerusform>Replace the current data with %1 (%n projects)? The current database is backed up first. Everyone is signed out afterwards.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n project(s) from %1. Please sign in again.</source>
        <translation>
            <numerusform>Restored %n project from %1. Please sign in again.</numerusform>
            <numerusform>Restored %n projects from %1. Please sign in again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restoring from a backup</source>
        <translation>Restoring from a backup</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Thank you! The idea is practical and will be put into use in our studio.</source>
        <translation type="vanished">Thank you! The idea is practical and will be put into use in our studio.</translation>
    </message>
    <message>
        <source>Thank you! A very similar project already exists; please join it and add your experience there.</source>
        <translation type="vanished">Thank you! A very similar project already exists; please join it and add your experience there.</translation>
    </message>
    <message>
        <source>Thank you! The cost is too high for the expected benefit at present; please work out a cheaper way and submit again.</source>
        <translation type="vanished">Thank you! The cost is too high for the expected benefit at present; please work out a cheaper way and submit again.</translation>
    </message>
    <message>
        <source>Thank you! Safety rules do not allow this change; please talk to the safety officer and submit a revised version.</source>
        <translation type="vanished">Thank you! Safety rules do not allow this change; please talk to the safety officer and submit a revised version.</translation>
    </message>
    <message>
        <source>Thank you! Please add measured data (before and after) and submit again.</source>
        <translation type="vanished">Thank you! Please add measured data (before and after) and submit again.</translation>
    </message>
    <message>
        <source>Review: %1</source>
        <translation>Review: %1</translation>
    </message>
    <message>
        <source>Rubric (0–10 each; weights of this studio)</source>
        <translation>Rubric (0–10 each; weights of this studio)</translation>
    </message>
    <message>
        <source>Weighted total</source>
        <translation>Weighted total</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Adopt</source>
        <translation>Adopt</translation>
    </message>
    <message>
        <source>Do not adopt (reason required)</source>
        <translation>Do not adopt (reason required)</translation>
    </message>
    <message>
        <source>Scores only, decide later</source>
        <translation>Scores only, decide later</translation>
    </message>
    <message>
        <source>Answer templates…</source>
        <translation>Answer templates…</translation>
    </message>
    <message>
        <source>Reason the author will read</source>
        <translation>Reason the author will read</translation>
    </message>
    <message>
        <source>Private note: only reviewers see it</source>
        <translation>Private note: only reviewers see it</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Private note</translation>
    </message>
    <message>
        <source>Send review</source>
        <translation>Send review</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Background</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>Solution</translation>
    </message>
    <message>
        <source>Innovation points</source>
        <translation>Innovation points</translation>
    </message>
    <message>
        <source>Expected benefit</source>
        <translation>Expected benefit</translation>
    </message>
    <message>
        <source>yuan/year</source>
        <translation>yuan/year</translation>
    </message>
    <message numerus="yes">
        <source>Comments (%n)</source>
        <translation>
            <numerusform>Comments (%n)</numerusform>
            <numerusform>Comments (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation>No comments yet.</translation>
    </message>
    <message>
        <source>Write a reason: the author will read why the idea was not adopted.</source>
        <translation>Write a reason: the author will read why the idea was not adopted.</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>not scored</translation>
    </message>
    <message>
        <source>Change it</source>
        <translation>Change it</translation>
    </message>
    <message>
        <source>Choose a decision: adopt, do not adopt, or scores only.</source>
        <translation>Choose a decision: adopt, do not adopt, or scores only.</translation>
    </message>
    <message>
        <source>Score every criterion before adopting; not scored yet: %1</source>
        <translation>Score every criterion before adopting; not scored yet: %1</translation>
    </message>
    <message>
        <source>Score at least one criterion, or choose a decision.</source>
        <translation>Score at least one criterion, or choose a decision.</translation>
    </message>
    <message>
        <source>Adopt “%1” with a weighted total of %2? Its authors will be told.</source>
        <translation>Adopt “%1” with a weighted total of %2? Its authors will be told.</translation>
    </message>
    <message>
        <source>Do not adopt “%1” (weighted total %2)? Its authors will read your reason.</source>
        <translation>Do not adopt “%1” (weighted total %2)? Its authors will read your reason.</translation>
    </message>
    <message>
        <source>Record scores for “%1” (weighted total %2) without deciding yet?</source>
        <translation>Record scores for “%1” (weighted total %2) without deciding yet?</translation>
    </message>
    <message>
        <source>Confirm: adopt</source>
        <translation>Confirm: adopt</translation>
    </message>
    <message>
        <source>Confirm: do not adopt</source>
        <translation>Confirm: do not adopt</translation>
    </message>
    <message>
        <source>Confirm: record scores</source>
        <translation>Confirm: record scores</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
</context>
<context>
    <name>RubricSection</name>
    <message>
        <source>Together</source>
        <translation>Together</translation>
    </message>
    <message>
        <source>A review&apos;s total is the weighted score out of 100; weights are shares of the whole, so they need not add up to exactly 100. A weight of 0 leaves the criterion out.</source>
        <translation>A review&apos;s total is the weighted score out of 100; weights are shares of the whole, so they need not add up to exactly 100. A weight of 0 leaves the criterion out.</translation>
    </message>
</context>
<context>
    <name>SendTaskDialog</name>
    <message>
        <source>Dispatch a task</source>
        <translation>Dispatch a task</translation>
    </message>
    <message>
        <source>A task: each unit reports and you accept each summary. A notice: each unit confirms it has read it.</source>
        <translation>A task: each unit reports and you accept each summary. A notice: each unit confirms it has read it.</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Tick the units (a unit ticks every unit below it) and name who answers for each.</source>
        <translation>Tick the units (a unit ticks every unit below it) and name who answers for each.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>(nobody yet)</source>
        <translation>(nobody yet)</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <source>Sending the task</source>
        <translation>Sending the task</translation>
    </message>
</context>
<context>
    <name>SetPasswordDialog</name>
    <message>
        <source>Set a password</source>
        <translation>Set a password</translation>
    </message>
    <message>
        <source>Account %1 has no password yet. Choose one (at least 6 characters); you will use it to sign in from now on.</source>
        <translation>Account %1 has no password yet. Choose one (at least 6 characters); you will use it to sign in from now on.</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Repeat it</translation>
    </message>
    <message>
        <source>The two passwords differ; type them again.</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Sign out after idle</source>
        <translation>Sign out after idle</translation>
    </message>
    <message>
        <source>A new language takes effect the next time the program starts.</source>
        <translation>A new language takes effect the next time the program starts.</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Set up the organisation</source>
        <translation>Set up the organisation</translation>
    </message>
    <message>
        <source>Units, studios and people can be changed later on the Organisation page.</source>
        <translation>Units, studios and people can be changed later on the Organisation page.</translation>
    </message>
    <message>
        <source>Import a workbook of units, studios and people</source>
        <translation>Import a workbook of units, studios and people</translation>
    </message>
    <message>
        <source>The template can be saved on the next page and filled in WPS, Excel or LibreOffice.</source>
        <translation>The template can be saved on the next page and filled in WPS, Excel or LibreOffice.</translation>
    </message>
    <message>
        <source>Type a first unit and studio</source>
        <translation>Type a first unit and studio</translation>
    </message>
    <message>
        <source>Add the rest later, one at a time or from a workbook.</source>
        <translation>Add the rest later, one at a time or from a workbook.</translation>
    </message>
    <message>
        <source>Join a hub (the company&apos;s central database)</source>
        <translation>Join a hub (the company&apos;s central database)</translation>
    </message>
    <message>
        <source>The organisation and the projects you may see come from the hub; its people sign in with their hub passwords.</source>
        <translation>The organisation and the projects you may see come from the hub; its people sign in with their hub passwords.</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Start with an empty organisation (or with demo data).</source>
        <translation>Start with an empty organisation (or with demo data).</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — Idea Bank</source>
        <translation>Sign in — Idea Bank</translation>
    </message>
    <message>
        <source>Idea Bank</source>
        <translation>Idea Bank</translation>
    </message>
    <message>
        <source>Pool everyone&apos;s ideas: propose, review and share innovations.</source>
        <translation>Pool everyone&apos;s ideas: propose, review and share innovations.</translation>
    </message>
    <message>
        <source>e.g. W001</source>
        <translation>e.g. W001</translation>
    </message>
    <message>
        <source>Kiosk: propose an idea with my employee number only</source>
        <translation>Kiosk: propose an idea with my employee number only</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>Employee number</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>SimilarPanel</name>
    <message>
        <source>Similar existing projects</source>
        <translation>Similar existing projects</translation>
    </message>
    <message>
        <source>Check these before proposing: maybe someone had the idea already. Pick one to read it, comment on it or ask to join it.</source>
        <translation>Check these before proposing: maybe someone had the idea already. Pick one to read it, comment on it or ask to join it.</translation>
    </message>
    <message>
        <source>A comment for its authors</source>
        <translation>A comment for its authors</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Ask to join as co-author</source>
        <translation>Ask to join as co-author</translation>
    </message>
    <message>
        <source>Its proposer is asked to add you as a co-author</source>
        <translation>Its proposer is asked to add you as a co-author</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Background</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>Solution</translation>
    </message>
    <message>
        <source>Your comment was sent; its authors are told.</source>
        <translation>Your comment was sent; its authors are told.</translation>
    </message>
    <message>
        <source>Its proposer was asked to add you as a co-author; you will hear back in your notices.</source>
        <translation>Its proposer was asked to add you as a co-author; you will hear back in your notices.</translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <source>Site identity</source>
        <translation>Site identity</translation>
    </message>
    <message>
        <source>This site</source>
        <translation>This site</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Signing key fingerprint</source>
        <translation>Signing key fingerprint</translation>
    </message>
    <message>
        <source>Encryption key fingerprint</source>
        <translation>Encryption key fingerprint</translation>
    </message>
    <message>
        <source>Save my key file…</source>
        <translation>Save my key file…</translation>
    </message>
    <message>
        <source>A file with this site&apos;s public keys, to carry to another site</source>
        <translation>A file with this site&apos;s public keys, to carry to another site</translation>
    </message>
    <message>
        <source>Trusted sites</source>
        <translation>Trusted sites</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>No site is trusted yet. Bring the other site&apos;s key file and trust it.</source>
        <translation>No site is trusted yet. Bring the other site&apos;s key file and trust it.</translation>
    </message>
    <message>
        <source>Trust a key file…</source>
        <translation>Trust a key file…</translation>
    </message>
    <message>
        <source>Stop trusting</source>
        <translation>Stop trusting</translation>
    </message>
    <message>
        <source>Site renamed.</source>
        <translation>Site renamed.</translation>
    </message>
    <message>
        <source>Save my key file</source>
        <translation>Save my key file</translation>
    </message>
    <message>
        <source>Site key files (%1)</source>
        <translation>Site key files (%1)</translation>
    </message>
    <message>
        <source>Key file saved</source>
        <translation>Key file saved</translation>
    </message>
    <message>
        <source>Saved %1.

Carry it to the other site. Before they trust it, read this signing fingerprint to them by telephone or in person:

%2</source>
        <translation>Saved %1.

Carry it to the other site. Before they trust it, read this signing fingerprint to them by telephone or in person:

%2</translation>
    </message>
    <message>
        <source>Trust a key file</source>
        <translation>Trust a key file</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <source>Site: %1 (%2)
Signing key fingerprint: %3
Encryption key fingerprint: %4

Compare the signing fingerprint with the other site by telephone or in person. Trust this site?</source>
        <translation>Site: %1 (%2)
Signing key fingerprint: %3
Encryption key fingerprint: %4

Compare the signing fingerprint with the other site by telephone or in person. Trust this site?</translation>
    </message>
    <message>
        <source>This site is already trusted with OTHER keys. Replace them only if the site told you it made new keys.</source>
        <translation>This site is already trusted with OTHER keys. Replace them only if the site told you it made new keys.</translation>
    </message>
    <message>
        <source>Trust a site</source>
        <translation>Trust a site</translation>
    </message>
    <message>
        <source>Site %1 is trusted.</source>
        <translation>Site %1 is trusted.</translation>
    </message>
    <message>
        <source>Stop trusting %1? Its packages will be refused and none will be made for it.</source>
        <translation>Stop trusting %1? Its packages will be refused and none will be made for it.</translation>
    </message>
    <message>
        <source>Site %1 is no longer trusted.</source>
        <translation>Site %1 is no longer trusted.</translation>
    </message>
    <message>
        <source>Secret projects</source>
        <translation>Secret projects</translation>
    </message>
    <message>
        <source>Secret projects…</source>
        <translation>Secret projects…</translation>
    </message>
    <message>
        <source>Whether this site&apos;s packages carry secret projects</source>
        <translation>Whether this site&apos;s packages carry secret projects</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop sending secret projects to %1?</source>
        <translation>Stop sending secret projects to %1?</translation>
    </message>
    <message>
        <source>Is %1 run by an administrator who may see every project? Its packages will then carry secret projects too (encrypted for that site only).</source>
        <translation>Is %1 run by an administrator who may see every project? Its packages will then carry secret projects too (encrypted for that site only).</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>Name this site</source>
        <translation>Name this site</translation>
    </message>
    <message>
        <source>The name other sites and exchange packages know this computer&apos;s bank by.</source>
        <translation>The name other sites and exchange packages know this computer&apos;s bank by.</translation>
    </message>
    <message>
        <source>Fill the bank with demo data (a power company with studios, people and projects) to try things out</source>
        <translation>Fill the bank with demo data (a power company with studios, people and projects) to try things out</translation>
    </message>
    <message>
        <source> projects</source>
        <translation> projects</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>Site name</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>All studios</source>
        <translation type="vanished">All studios</translation>
    </message>
    <message>
        <source>All years</source>
        <translation type="vanished">All years</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation type="vanished">Projects</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation type="vanished">Adopted</translation>
    </message>
    <message>
        <source>Adoption rate</source>
        <translation type="vanished">Adoption rate</translation>
    </message>
    <message>
        <source>Measured benefit (yuan/yr)</source>
        <translation type="vanished">Measured benefit (yuan/yr)</translation>
    </message>
    <message>
        <source>Expected benefit (yuan/yr)</source>
        <translation type="vanished">Expected benefit (yuan/yr)</translation>
    </message>
    <message>
        <source>By status</source>
        <translation type="vanished">By status</translation>
    </message>
    <message>
        <source>By category</source>
        <translation type="vanished">By category</translation>
    </message>
    <message>
        <source>By year</source>
        <translation type="vanished">By year</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="vanished">Name</translation>
    </message>
</context>
<context>
    <name>StudioDialog</name>
    <message>
        <source>Edit studio</source>
        <translation>Edit studio</translation>
    </message>
    <message>
        <source>Add studio</source>
        <translation>Add studio</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>Known</translation>
    </message>
    <message>
        <source>e.g. second floor of the substation workshop, 120 m²</source>
        <translation>e.g. second floor of the substation workshop, 120 m²</translation>
    </message>
    <message>
        <source>yuan per year, e.g. 50000 or 5万</source>
        <translation>yuan per year, e.g. 50000 or 5万</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Founded</source>
        <translation>Founded</translation>
    </message>
    <message>
        <source>Premises</source>
        <translation>Premises</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>Funds</translation>
    </message>
    <message>
        <source>As the studio&apos;s leader you change its founding date and premises; an administrator changes the rest.</source>
        <translation>As the studio&apos;s leader you change its founding date and premises; an administrator changes the rest.</translation>
    </message>
    <message>
        <source>Enter the studio&apos;s name.</source>
        <translation>Enter the studio&apos;s name.</translation>
    </message>
</context>
<context>
    <name>StudioSettings</name>
    <message>
        <source>Rubric</source>
        <translation>Rubric</translation>
    </message>
    <message>
        <source>Answer templates</source>
        <translation>Answer templates</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Unit targets</source>
        <translation>Unit targets</translation>
    </message>
</context>
<context>
    <name>StudioSettingsDialog</name>
    <message>
        <source>Settings of %1</source>
        <translation>Settings of %1</translation>
    </message>
    <message>
        <source>Shared settings of all studios</source>
        <translation>Shared settings of all studios</translation>
    </message>
</context>
<context>
    <name>StudiosPage</name>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>Adopted</translation>
    </message>
    <message>
        <source>Measured benefit (yuan/yr)</source>
        <translation>Measured benefit (yuan/yr)</translation>
    </message>
    <message>
        <source>Double-click a studio to list its projects. Click a header to sort.</source>
        <translation>Double-click a studio to list its projects. Click a header to sort.</translation>
    </message>
    <message>
        <source>Annual report…</source>
        <translation>Annual report…</translation>
    </message>
    <message>
        <source>The selected studio&apos;s annual innovation report as a PDF</source>
        <translation>The selected studio&apos;s annual innovation report as a PDF</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>A synchronisation is already running.</source>
        <translation>A synchronisation is already running.</translation>
    </message>
    <message>
        <source>Sending changes</source>
        <translation>Sending changes</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>Receiving changes</translation>
    </message>
    <message>
        <source>Synchronising</source>
        <translation>Synchronising</translation>
    </message>
    <message>
        <source>Synchronised: %1 sent, %2 received.</source>
        <translation>Synchronised: %1 sent, %2 received.</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to look at.</source>
        <translation>
            <numerusform>%n conflict to look at.</numerusform>
            <numerusform>%n conflicts to look at.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused by the hub.</source>
        <translation>
            <numerusform>%n change refused by the hub.</numerusform>
            <numerusform>%n changes refused by the hub.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Never synchronised</source>
        <translation>Never synchronised</translation>
    </message>
    <message>
        <source>Tools → Synchronise with hub… (F9)</source>
        <translation>Tools → Synchronise with hub… (F9)</translation>
    </message>
    <message>
        <source>Last synchronised %1</source>
        <translation>Last synchronised %1</translation>
    </message>
    <message>
        <source>%1 sent, %2 received; click to synchronise again</source>
        <translation>%1 sent, %2 received; click to synchronise again</translation>
    </message>
</context>
<context>
    <name>TemplatesSection</name>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Thank you! </source>
        <translation>Thank you! </translation>
    </message>
    <message>
        <source>Double-click an answer to change it; drag to reorder.</source>
        <translation>Double-click an answer to change it; drag to reorder.</translation>
    </message>
    <message>
        <source>These are this studio&apos;s own; with none, its reviewers use the shared ones.</source>
        <translation>These are this studio&apos;s own; with none, its reviewers use the shared ones.</translation>
    </message>
    <message>
        <source>These are shared by every studio that has none of its own.</source>
        <translation>These are shared by every studio that has none of its own.</translation>
    </message>
</context>
<context>
    <name>ThresholdsSection</name>
    <message>
        <source>Unanswered request or application after</source>
        <translation>Unanswered request or application after</translation>
    </message>
    <message>
        <source>Overdue milestone after its due date +</source>
        <translation>Overdue milestone after its due date +</translation>
    </message>
    <message>
        <source>A project is stuck after this many days in one stage:</source>
        <translation>A project is stuck after this many days in one stage:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Dispatched task warned this long before it is due</source>
        <translation>Dispatched task warned this long before it is due</translation>
    </message>
    <message>
        <source>no target</source>
        <translation type="vanished">no target</translation>
    </message>
    <message>
        <source>Each bottom unit (a crew) whose proposals per head fall behind this yearly target, counted pro rata to the day, is warned; no target: the site&apos;s (ideabank warnings config sets targets for particular units)</source>
        <translation type="vanished">Each bottom unit (a crew) whose proposals per head fall behind this yearly target, counted pro rata to the day, is warned; no target: the site&apos;s (ideabank warnings config sets targets for particular units)</translation>
    </message>
    <message>
        <source>Yearly proposals per head expected of each crew</source>
        <translation type="vanished">Yearly proposals per head expected of each crew</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <source>Site identity…</source>
        <translation>Site identity…</translation>
    </message>
    <message>
        <source>This site&apos;s keys, and the sites it trusts</source>
        <translation>This site&apos;s keys, and the sites it trusts</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <source>A signed, encrypted package for an air-gapped site (USB)</source>
        <translation>A signed, encrypted package for an air-gapped site (USB)</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <source>Check and apply a package from a trusted site</source>
        <translation>Check and apply a package from a trusted site</translation>
    </message>
    <message>
        <source>Synchronise with hub…</source>
        <translation>Synchronise with hub…</translation>
    </message>
    <message>
        <source>Send this computer&apos;s changes to the central hub and take everyone else&apos;s</source>
        <translation>Send this computer&apos;s changes to the central hub and take everyone else&apos;s</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <source>Idea Bank backups (*.sqlite)</source>
        <translation>Idea Bank backups (*.sqlite)</translation>
    </message>
    <message>
        <source>Backed up to %1 (checked).</source>
        <translation>Backed up to %1 (checked).</translation>
    </message>
    <message>
        <source>Backing up the database</source>
        <translation>Backing up the database</translation>
    </message>
    <message>
        <source>Check database…</source>
        <translation>Check database…</translation>
    </message>
    <message>
        <source>Check the database, its attached files and its audit log; repair what can be repaired</source>
        <translation>Check the database, its attached files and its audit log; repair what can be repaired</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <source>A checked copy of the database in a file of your choice</source>
        <translation>A checked copy of the database in a file of your choice</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>Replace the data with a backup (checked first; the current data is backed up)</source>
        <translation>Replace the data with a backup (checked first; the current data is backed up)</translation>
    </message>
    <message>
        <source>Locked accounts…</source>
        <translation>Locked accounts…</translation>
    </message>
    <message>
        <source>Unlock accounts locked after repeated wrong passwords</source>
        <translation>Unlock accounts locked after repeated wrong passwords</translation>
    </message>
    <message>
        <source>Import projects…</source>
        <translation>Import projects…</translation>
    </message>
    <message>
        <source>Import projects from a spreadsheet, or save the template to fill in</source>
        <translation>Import projects from a spreadsheet, or save the template to fill in</translation>
    </message>
    <message>
        <source>Deliver warnings now</source>
        <translation>Deliver warnings now</translation>
    </message>
    <message>
        <source>Send every warning to the inbox of whoever must act on it, once, and the day&apos;s digest to leaders</source>
        <translation>Send every warning to the inbox of whoever must act on it, once, and the day&apos;s digest to leaders</translation>
    </message>
</context>
<context>
    <name>TypePage</name>
    <message>
        <source>A first unit and studio</source>
        <translation>A first unit and studio</translation>
    </message>
    <message>
        <source>e.g. 国网示范供电公司</source>
        <translation>e.g. 国网示范供电公司</translation>
    </message>
    <message>
        <source>e.g. 王建国劳模创新工作室 (may stay empty)</source>
        <translation>e.g. 王建国劳模创新工作室 (may stay empty)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Enter the unit&apos;s name.</source>
        <translation>Enter the unit&apos;s name.</translation>
    </message>
</context>
<context>
    <name>UiContext</name>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. Your data is safe; please report this to the administrator.</source>
        <translation>Something went wrong inside the program. Your data is safe; please report this to the administrator.</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Edit unit</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <source>Add unit</source>
        <translation>Add unit</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>(top level)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>Belongs to</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Enter the unit&apos;s name.</source>
        <translation>Enter the unit&apos;s name.</translation>
    </message>
</context>
<context>
    <name>UnitTargetsSection</name>
    <message>
        <source>no target</source>
        <translation>no target</translation>
    </message>
    <message>
        <source>A bottom unit (a crew, no unit below it) without a target of its own is held to this many proposals per head a year</source>
        <translation>A bottom unit (a crew, no unit below it) without a target of its own is held to this many proposals per head a year</translation>
    </message>
    <message>
        <source>Default yearly target per head of each crew</source>
        <translation>Default yearly target per head of each crew</translation>
    </message>
    <message>
        <source>Counting this year&apos;s proposals…</source>
        <translation>Counting this year&apos;s proposals…</translation>
    </message>
    <message>
        <source>Find a unit</source>
        <translation>Find a unit</translation>
    </message>
    <message>
        <source>Only units behind their target</source>
        <translation>Only units behind their target</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>%1 days of %2 gone (%3%): a target is due pro rata. A unit counts with every unit below it; secret projects and drafts are not counted.</source>
        <translation>%1 days of %2 gone (%3%): a target is due pro rata. A unit counts with every unit below it; secret projects and drafts are not counted.</translation>
    </message>
    <message>
        <source>Proposals this year</source>
        <translation type="vanished">Proposals this year</translation>
    </message>
    <message>
        <source>Per head</source>
        <translation>Per head</translation>
    </message>
    <message>
        <source>Target per head a year</source>
        <translation type="vanished">Target per head a year</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>Due by today</source>
        <translation>Due by today</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Target per head</source>
        <translation>Target per head</translation>
    </message>
    <message>
        <source>Type a number; 0 or empty: no target of its own (the default applies)</source>
        <translation>Type a number; 0 or empty: no target of its own (the default applies)</translation>
    </message>
    <message>
        <source>Target × people × the share of the year gone, rounded down: a unit is warned once it is a whole proposal short</source>
        <translation>Target × people × the share of the year gone, rounded down: a unit is warned once it is a whole proposal short</translation>
    </message>
    <message>
        <source>Yearly proposals per head by unit</source>
        <translation>Yearly proposals per head by unit</translation>
    </message>
    <message>
        <source>Counting proposals by unit</source>
        <translation>Counting proposals by unit</translation>
    </message>
    <message>
        <source>%1 days of %2 gone (%3 %): a target is due pro rata. A unit counts with every unit below it; secret projects and drafts are not counted.</source>
        <translation type="vanished">%1 days of %2 gone (%3 %): a target is due pro rata. A unit counts with every unit below it; secret projects and drafts are not counted.</translation>
    </message>
    <message>
        <source>%1 short</source>
        <translation>%1 short</translation>
    </message>
    <message>
        <source>on track</source>
        <translation>on track</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Locked accounts</source>
        <translation>Locked accounts</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>Employee number</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Failures</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>No account is locked.</source>
        <translation>No account is locked.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>WarningSettingsDialog</name>
    <message>
        <source>Warning settings</source>
        <translation type="vanished">Warning settings</translation>
    </message>
    <message>
        <source>The whole site (default for every studio)</source>
        <translation type="vanished">The whole site (default for every studio)</translation>
    </message>
    <message>
        <source>Settings for</source>
        <translation type="vanished">Settings for</translation>
    </message>
    <message>
        <source>Requests and applications unanswered after</source>
        <translation type="vanished">Requests and applications unanswered after</translation>
    </message>
    <message>
        <source>Milestones overdue after their date by</source>
        <translation type="vanished">Milestones overdue after their date by</translation>
    </message>
    <message>
        <source>A project is stuck when it stays in one stage longer than</source>
        <translation type="vanished">A project is stuck when it stays in one stage longer than</translation>
    </message>
    <message>
        <source>Changes apply to the warnings at once; nothing else is changed.</source>
        <translation type="vanished">Changes apply to the warnings at once; nothing else is changed.</translation>
    </message>
    <message>
        <source> days</source>
        <translation type="vanished"> days</translation>
    </message>
</context>
</TS>
