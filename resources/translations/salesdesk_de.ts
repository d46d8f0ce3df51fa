<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&amp;About %1</source>
        <translation>&amp;Über %1</translation>
    </message>
    <message>
        <source>Version, data folder and licence</source>
        <translation>Version, Datenordner und Lizenz</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Über %1</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Your sales playbook, checklist and notes beside every call.</source>
        <translation>Ihr Vertriebs-Playbook, Ihre Checkliste und Notizen neben jedem Gespräch.</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>Ihre Daten</translation>
    </message>
    <message>
        <source>Calls, notes, settings and your own playbooks stay on this computer, in:</source>
        <translation>Gespräche, Notizen, Einstellungen und Ihre eigenen Playbooks bleiben auf diesem Computer, in:</translation>
    </message>
    <message>
        <source>Select the path to copy it</source>
        <translation>Markieren Sie den Pfad, um ihn zu kopieren</translation>
    </message>
    <message>
        <source>&amp;Open data folder</source>
        <translation>Datenordner ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show the folder in your file manager</source>
        <translation>Den Ordner in Ihrer Dateiverwaltung zeigen</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>%1 is free software: you may share and change it under the GNU General Public License, version 3 or any later version (%2). It comes with no warranty.</source>
        <translation>%1 ist freie Software: Sie dürfen sie unter der GNU General Public License, Version 3 oder jeder späteren Version (%2), weitergeben und verändern. Sie wird ohne jede Gewährleistung bereitgestellt.</translation>
    </message>
    <message>
        <source>Show &amp;licence text</source>
        <translation>&amp;Lizenztext zeigen</translation>
    </message>
    <message>
        <source>No file manager could be started. Select the path above to copy it.</source>
        <translation>Es ließ sich keine Dateiverwaltung starten. Markieren Sie den Pfad oben, um ihn zu kopieren.</translation>
    </message>
    <message>
        <source>The licence text is missing from this copy of %1. Read it at %2.</source>
        <translation>In dieser Kopie von %1 fehlt der Lizenztext. Sie finden ihn unter %2.</translation>
    </message>
    <message>
        <source>Hide &amp;licence text</source>
        <translation>&amp;Lizenztext ausblenden</translation>
    </message>
</context>
<context>
    <name>AfterCallBar</name>
    <message>
        <source>The call that just ended:</source>
        <translation>Das eben beendete Gespräch:</translation>
    </message>
    <message>
        <source>Copy notes  (%1)</source>
        <translation>Notizen kopieren  (%1)</translation>
    </message>
    <message>
        <source>Export…  (%1)</source>
        <translation>Exportieren …  (%1)</translation>
    </message>
    <message>
        <source>Follow-up e-mail…  (%1)</source>
        <translation>Folge-E-Mail…  (%1)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>%1 cannot recover its data</source>
        <translation>%1 kann seine Daten nicht wiederherstellen</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Unexpected error.</source>
        <extracomment>Reads of the team server that run beside the rep&apos;s own (the &quot;Last time&quot; teammates): a server that does not answer holds up only this lane, never the rep&apos;s own views.</extracomment>
        <translation>Unerwarteter Fehler.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Not saved yet (%1): %2 Retrying…</source>
        <extracomment>The stored calls changed (a DataChange): what lists of calls follow.</extracomment>
        <translation>Noch nicht gespeichert (%1): %2 Neuer Versuch läuft …</translation>
    </message>
    <message>
        <source>the call</source>
        <translation>das Gespräch</translation>
    </message>
    <message>
        <source>the wrap-up</source>
        <translation>die Nachbereitung</translation>
    </message>
    <message>
        <source>the stage</source>
        <translation>die Phase</translation>
    </message>
    <message>
        <source>a checklist tick</source>
        <translation>ein Häkchen der Checkliste</translation>
    </message>
    <message>
        <source>an answer</source>
        <translation>eine Antwort</translation>
    </message>
    <message>
        <source>qualification</source>
        <translation>die Qualifizierung</translation>
    </message>
    <message>
        <source>an objection</source>
        <translation>ein Einwand</translation>
    </message>
    <message>
        <source>an objection note</source>
        <translation>eine Notiz zu einem Einwand</translation>
    </message>
    <message>
        <source>a note</source>
        <translation>eine Notiz</translation>
    </message>
    <message>
        <source>the follow-up e-mail</source>
        <translation>die Folge-E-Mail</translation>
    </message>
    <message>
        <source>a cue</source>
        <translation>ein Hinweis</translation>
    </message>
</context>
<context>
    <name>CallHeader</name>
    <message>
        <source>Call time</source>
        <translation>Gesprächsdauer</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
</context>
<context>
    <name>CallTools</name>
    <message>
        <source>Command &amp;palette…</source>
        <extracomment>Off, text fields keep their claims (a test switches it off to show the difference).</extracomment>
        <translation>&amp;Befehlspalette …</translation>
    </message>
    <message>
        <source>Find an objection, a line to say, a question or a command</source>
        <translation>Einen Einwand, einen Satz, eine Frage oder einen Befehl finden</translation>
    </message>
    <message>
        <source>&amp;Compact strip</source>
        <translation>&amp;Kompaktleiste</translation>
    </message>
    <message>
        <source>Shrink the sidebar to a strip on the screen edge</source>
        <translation>Die Seitenleiste zu einer schmalen Leiste am Bildschirmrand verkleinern</translation>
    </message>
    <message>
        <source>Sidebar &amp;settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Sidebar settings</source>
        <translation>Einstellungen der Seitenleiste</translation>
    </message>
    <message>
        <source>&amp;Accept cue (log raised)</source>
        <translation>Hinweis &amp;übernehmen (als genannt erfassen)</translation>
    </message>
    <message>
        <source>Log the objection the live cue shows as raised</source>
        <translation>Den Einwand aus dem Live-Hinweis als genannt erfassen</translation>
    </message>
    <message>
        <source>&amp;Dismiss cue</source>
        <translation>Hinweis &amp;verwerfen</translation>
    </message>
    <message>
        <source>Dismiss the live cue</source>
        <translation>Den Live-Hinweis verwerfen</translation>
    </message>
</context>
<context>
    <name>CallView</name>
    <message>
        <source>still running</source>
        <extracomment>Links in the page that open one of its cut texts whole.</extracomment>
        <translation>läuft noch</translation>
    </message>
    <message>
        <source>reached %1</source>
        <translation>bis %1 gekommen</translation>
    </message>
    <message>
        <source>(due %1)</source>
        <translation>(fällig %1)</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Show all (%1 characters)</source>
        <translation>Alles zeigen (%1 Zeichen)</translation>
    </message>
    <message>
        <source>Budget amount</source>
        <translation>Budgetbetrag</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Entscheidungsdatum</translation>
    </message>
    <message>
        <source>Decision-maker</source>
        <translation>Entscheider</translation>
    </message>
    <message>
        <source>reached %1, then back to %2</source>
        <translation>bis %1 gekommen, dann zurück zu %2</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>Qualifizierung</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>handled</source>
        <translation>behandelt</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>Einwände</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>(unfinished)</source>
        <translation>(unvollständig)</translation>
    </message>
    <message>
        <source>Note of %1</source>
        <translation>Notiz vom %1</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>sent %1</source>
        <translation>gesendet %1</translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation>noch nicht gesendet</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Follow-up e-mail</source>
        <translation>Folge-E-Mail</translation>
    </message>
    <message>
        <source>Call details</source>
        <translation>Gesprächsdetails</translation>
    </message>
    <message>
        <source>&amp;Edit wrap-up…</source>
        <translation>Nachbereitung &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>Change the outcome, next step or due date</source>
        <translation>Ergebnis, nächsten Schritt oder Fälligkeit ändern</translation>
    </message>
    <message>
        <source>C&amp;ontinue this call</source>
        <translation>Gespräch &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Reopen the call in the sidebar and carry on where it stopped</source>
        <translation>Das Gespräch in der Seitenleiste wieder öffnen und dort weitermachen, wo es aufgehört hat</translation>
    </message>
    <message>
        <source>Follow-up &amp;e-mail…</source>
        <translation>Folge-&amp;E-Mail…</translation>
    </message>
    <message>
        <source>Write, copy or send the recap e-mail of this call</source>
        <translation>Die Zusammenfassungs-E-Mail zu diesem Gespräch schreiben, kopieren oder senden</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>This call is running in the sidebar.</source>
        <translation>Dieses Gespräch läuft gerade in der Seitenleiste.</translation>
    </message>
</context>
<context>
    <name>CallsPage</name>
    <message>
        <source>Filter by contact, company, notes…</source>
        <translation>Nach Kontakt, Firma, Notizen filtern …</translation>
    </message>
    <message>
        <source>Filter calls</source>
        <translation>Gespräche filtern</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Jedes Ergebnis</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Gespräche</translation>
    </message>
    <message>
        <source>No outcome recorded</source>
        <translation>Kein Ergebnis erfasst</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln Gespräch</numerusform>
            <numerusform>%Ln Gespräche</numerusform>
        </translation>
    </message>
    <message>
        <source>Team server not reachable; your own calls are under Mine.</source>
        <translation>Team-Server nicht erreichbar; Ihre eigenen Gespräche finden Sie unter „Meine“.</translation>
    </message>
    <message>
        <source>Team calls are listed here; open your own under Mine.</source>
        <translation>Team-Gespräche werden hier nur aufgelistet; Ihre eigenen öffnen Sie unter „Meine“.</translation>
    </message>
</context>
<context>
    <name>CaptureGuard</name>
    <message>
        <source>Screen sharing and recordings leave SalesDesk out.</source>
        <translation>Bildschirmfreigaben und Aufnahmen lassen SalesDesk aus.</translation>
    </message>
    <message>
        <source>Screen sharing and recordings show a black box where SalesDesk is (Windows 10 version 2004 or later leaves it out).</source>
        <translation>Bildschirmfreigaben und Aufnahmen zeigen an der Stelle von SalesDesk ein schwarzes Feld (ab Windows 10 Version 2004 wird es ganz ausgelassen).</translation>
    </message>
    <message>
        <source>This version of Windows cannot keep a window out of screen sharing: share one window, not the whole screen.</source>
        <translation>Diese Windows-Version kann kein Fenster aus einer Bildschirmfreigabe heraushalten: Geben Sie ein einzelnes Fenster frei, nicht den ganzen Bildschirm.</translation>
    </message>
    <message>
        <source>On Wayland the sharing dialog, not SalesDesk, decides what is shared: share one window, not the whole screen.</source>
        <translation>Unter Wayland entscheidet der Freigabedialog, nicht SalesDesk, was geteilt wird: Geben Sie ein einzelnes Fenster frei, nicht den ganzen Bildschirm.</translation>
    </message>
    <message>
        <source>On X11 every program can read the whole screen, so no window can hide: share one window, not the screen.</source>
        <translation>Unter X11 kann jedes Programm den ganzen Bildschirm lesen, kein Fenster kann sich verbergen: Geben Sie ein einzelnes Fenster frei, nicht den Bildschirm.</translation>
    </message>
    <message>
        <source>The system did not let SalesDesk hide from screen sharing.</source>
        <translation>Das System hat SalesDesk nicht erlaubt, sich vor der Bildschirmfreigabe zu verbergen.</translation>
    </message>
</context>
<context>
    <name>ClosesPanel</name>
    <message>
        <source>Closing techniques</source>
        <translation>Abschlusstechniken</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Enter open · Ctrl+C copy · Ctrl+R raised · Ctrl+H handled · Esc close</source>
        <extracomment>Results shown at most (the list is for choosing, not browsing). Tall enough for ten results or a card; less to draw on each keystroke.</extracomment>
        <translation>Eingabe öffnen · Strg+C kopieren · Strg+R genannt · Strg+H behandelt · Esc schließen</translation>
    </message>
    <message>
        <source>Go to stage %1</source>
        <translation>Zur Phase %1</translation>
    </message>
    <message>
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <source>Objection, line, question, command…</source>
        <translation>Einwand, Satz, Frage, Befehl …</translation>
    </message>
    <message>
        <source>Search the playbook and commands</source>
        <translation>Playbook und Befehle durchsuchen</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Nothing matches. Try fewer or other words.</source>
        <translation>Keine Treffer. Versuchen Sie weniger oder andere Wörter.</translation>
    </message>
    <message>
        <source>Lines to say</source>
        <translation>Sätze zum Sagen</translation>
    </message>
    <message>
        <source>Palette status</source>
        <translation>Status der Palette</translation>
    </message>
    <message>
        <source>Why it works: %1</source>
        <translation>Warum es wirkt: %1</translation>
    </message>
    <message>
        <source>1–9 copy a line · C copy · R raised · H handled · Backspace back · Esc close</source>
        <translation>1–9 Satz kopieren · C kopieren · R genannt · H behandelt · Rücktaste zurück · Esc schließen</translation>
    </message>
    <message>
        <source>1–9 copy a line · C copy · Backspace back · Esc close</source>
        <translation>1–9 Satz kopieren · C kopieren · Rücktaste zurück · Esc schließen</translation>
    </message>
    <message>
        <source>Press %1 to copy</source>
        <translation>%1 drücken zum Kopieren</translation>
    </message>
    <message>
        <source>Copied line %1: %2</source>
        <translation>Satz %1 kopiert: %2</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Kopiert: %1</translation>
    </message>
    <message>
        <source>Only objections can be logged: choose one first.</source>
        <translation>Nur Einwände lassen sich erfassen: wählen Sie zuerst einen.</translation>
    </message>
    <message>
        <source>“%1” logged as handled at %2.</source>
        <translation>„%1“ um %2 als behandelt erfasst.</translation>
    </message>
    <message>
        <source>“%1” logged as raised at %2.</source>
        <translation>„%1“ um %2 als genannt erfasst.</translation>
    </message>
</context>
<context>
    <name>CompactStrip</name>
    <message>
        <source>Compact strip</source>
        <extracomment>Extra height the strip takes while the command palette is open in it.</extracomment>
        <translation>Kompaktleiste</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Next checklist item</source>
        <translation>Nächster Punkt der Checkliste</translation>
    </message>
    <message>
        <source>Command palette (%1)</source>
        <translation>Befehlspalette (%1)</translation>
    </message>
    <message>
        <source>&amp;Opacity</source>
        <translation>&amp;Deckkraft</translation>
    </message>
    <message>
        <source>Snap to the &amp;left edge</source>
        <translation>An den &amp;linken Rand</translation>
    </message>
    <message>
        <source>Snap to the &amp;right edge</source>
        <translation>An den &amp;rechten Rand</translation>
    </message>
    <message>
        <source>Opacity, screen edge, back to the sidebar</source>
        <translation>Deckkraft, Bildschirmrand, zurück zur Seitenleiste</translation>
    </message>
    <message>
        <source>Strip options</source>
        <translation>Optionen der Leiste</translation>
    </message>
    <message>
        <source>Back to the full sidebar (%1)</source>
        <translation>Zurück zur ganzen Seitenleiste (%1)</translation>
    </message>
    <message>
        <source>Back to the full sidebar</source>
        <translation>Zurück zur ganzen Seitenleiste</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>Kein Gespräch</translation>
    </message>
    <message>
        <source>%1 starts a call</source>
        <translation>%1 beginnt ein Gespräch</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Als Nächstes: %1</translation>
    </message>
    <message>
        <source>Checklist done for this stage ✓</source>
        <translation>Checkliste dieser Phase erledigt ✓</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Listen to calls?</source>
        <translation>Bei Gesprächen mithören?</translation>
    </message>
    <message>
        <source>SalesDesk will listen to the call&apos;s sound, what your computer plays (the other side), turn it into text on this computer and show an objection&apos;s lines when it hears one.</source>
        <translation>SalesDesk hört den Ton des Gesprächs mit, also was Ihr Computer abspielt (die Gegenseite), wandelt ihn auf diesem Computer in Text um und zeigt die Sätze zu einem Einwand, wenn es einen hört.</translation>
    </message>
    <message>
        <source>No audio is ever written to disk or sent anywhere: it stays in memory for a few seconds. Nothing heard is kept unless you turn on the transcript; then the heard phrases go into the call&apos;s notes, marked as heard.</source>
        <translation>Kein Ton wird je gespeichert oder irgendwohin gesendet: Er bleibt wenige Sekunden im Arbeitsspeicher. Nichts Gehörtes wird aufbewahrt, außer Sie schalten das Protokoll ein; dann kommen die gehörten Sätze, als gehört markiert, in die Notizen des Gesprächs.</translation>
    </message>
    <message>
        <source>In many places everyone on a call must agree before it is listened to. Ask them first: a reminder line to read out shows at the start of each call. Pause with F9 at any time.</source>
        <translation>Vielerorts müssen alle Beteiligten zustimmen, bevor ein Gespräch mitgehört wird. Fragen Sie vorher: Zu Beginn jedes Gesprächs erscheint ein Satz zum Vorlesen. Mit F9 jederzeit pausieren.</translation>
    </message>
    <message>
        <source>Turn listening on</source>
        <translation>Mithören einschalten</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
</context>
<context>
    <name>CueBanner</name>
    <message>
        <source>Live cue</source>
        <translation>Live-Hinweis</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>Einwand</translation>
    </message>
    <message>
        <source>First line to say</source>
        <translation>Erster Satz zum Sagen</translation>
    </message>
    <message>
        <source>Log raised</source>
        <translation>Erfassen</translation>
    </message>
    <message>
        <source>Log the objection as raised</source>
        <translation>Den Einwand als genannt erfassen</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>Alle Sätze</translation>
    </message>
    <message>
        <source>Show every line for this objection (in the command palette)</source>
        <translation>Alle Sätze zu diesem Einwand zeigen (in der Befehlspalette)</translation>
    </message>
    <message>
        <source>Show every line for this objection</source>
        <translation>Alle Sätze zu diesem Einwand zeigen</translation>
    </message>
    <message>
        <source>Dismiss the cue</source>
        <translation>Den Hinweis verwerfen</translation>
    </message>
    <message>
        <source>Ctrl+Enter · Esc</source>
        <translation>Strg+Eingabe · Esc</translation>
    </message>
    <message>
        <source>Ctrl+Enter logs it as raised, Esc dismisses the cue</source>
        <translation>Strg+Eingabe erfasst ihn als genannt, Esc verwirft den Hinweis</translation>
    </message>
    <message>
        <source>The notes say “%1”</source>
        <translation>In den Notizen steht „%1“</translation>
    </message>
    <message>
        <source>Heard “%1”</source>
        <translation>Gehört: „%1“</translation>
    </message>
</context>
<context>
    <name>CueWatcher</name>
    <message>
        <source>“%1” logged as raised.</source>
        <translation>„%1“ als genannt erfasst.</translation>
    </message>
</context>
<context>
    <name>DateRangePicker</name>
    <message>
        <source>Period</source>
        <extracomment>Typing pauses this long before the filter or search runs (each keystroke restarts it).</extracomment>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <source>Asking the model hub for the size of %1…</source>
        <translation>Größe von %1 wird beim Modell-Hub erfragt …</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>This is the only time SalesDesk uses the network, and only now that you asked for it.</source>
        <translation>Nur hier nutzt SalesDesk das Netz, und nur jetzt, da Sie es verlangt haben.</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>%1 wird heruntergeladen …</translation>
    </message>
    <message>
        <source>%1: %2 MB in %3 files. Download it now?</source>
        <translation>%1: %2 MB in %3 Dateien. Jetzt herunterladen?</translation>
    </message>
    <message>
        <source>The download did not work: %1</source>
        <translation>Das Herunterladen hat nicht geklappt: %1</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Noch einmal</translation>
    </message>
</context>
<context>
    <name>EmptyPage</name>
    <message>
        <source>No call in progress</source>
        <translation>Kein Gespräch im Gang</translation>
    </message>
    <message>
        <source>Start a call when the prospect joins. Everything you tick and type is saved as you go.</source>
        <translation>Beginnen Sie ein Gespräch, sobald der Interessent dazukommt. Alles, was Sie abhaken und tippen, wird laufend gespeichert.</translation>
    </message>
    <message>
        <source>Start a call  (%1)</source>
        <translation>Gespräch beginnen  (%1)</translation>
    </message>
</context>
<context>
    <name>EndCallDialog</name>
    <message>
        <source>End call with %1</source>
        <translation>Gespräch mit %1 beenden</translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation>Wie ist es gelaufen?</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>e.g. Send proposal, demo with CFO</source>
        <translation>z. B. Angebot senden, Demo mit dem CFO</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>Next step has a due date</source>
        <translation>Der nächste Schritt hat ein Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Save follow-up to &amp;calendar…</source>
        <translation>Wiedervorlage im &amp;Kalender speichern …</translation>
    </message>
    <message>
        <source>Save the next step as a calendar file (.ics) to open in any calendar</source>
        <translation>Den nächsten Schritt als Kalenderdatei (.ics) speichern, die jeder Kalender öffnen kann</translation>
    </message>
    <message>
        <source>Save follow-up to calendar</source>
        <translation>Wiedervorlage im Kalender speichern</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>&amp;Nächster Schritt</translation>
    </message>
    <message>
        <source>Next step &amp;due</source>
        <translation>&amp;Termin</translation>
    </message>
    <message>
        <source>&amp;Review the call</source>
        <translation>Gespräch &amp;durchsehen</translation>
    </message>
    <message>
        <source>Call summary</source>
        <translation>Zusammenfassung des Gesprächs</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Gespräch beenden</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Zurück zum Gespräch</translation>
    </message>
    <message>
        <source>Required (see View ▸ Sidebar settings)</source>
        <translation>Pflichtfeld (siehe Ansicht ▸ Einstellungen)</translation>
    </message>
    <message>
        <source>Still needed to end the call: %1.</source>
        <translation>Noch nötig, um das Gespräch zu beenden: %1.</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Kalenderdateien (*.ics)</translation>
    </message>
    <message>
        <source>Follow-up not saved</source>
        <translation>Wiedervorlage nicht gespeichert</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Choose another folder.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Saved %1 (open it to add the follow-up to your calendar).</source>
        <translation>%1 gespeichert (öffnen Sie die Datei, um die Wiedervorlage in Ihren Kalender zu übernehmen).</translation>
    </message>
</context>
<context>
    <name>ExportCallsDialog</name>
    <message>
        <source>Export calls</source>
        <extracomment>The format of a CRM preset&apos;s files in the format list: &quot;crm:&quot; and the preset&apos;s key (core.crm).</extracomment>
        <translation>Gespräche exportieren</translation>
    </message>
    <message>
        <source>CSV: one row per call, for a spreadsheet</source>
        <translation>CSV: eine Zeile pro Gespräch, für eine Tabellenkalkulation</translation>
    </message>
    <message>
        <source>HubSpot: contacts and calls, ready to import</source>
        <translation>HubSpot: Kontakte und Anrufe, bereit zum Import</translation>
    </message>
    <message>
        <source>Salesforce: contacts and tasks, ready to import</source>
        <translation>Salesforce: Kontakte und Aufgaben, bereit zum Import</translation>
    </message>
    <message>
        <source>Pipedrive: people and activities, ready to import</source>
        <translation>Pipedrive: Personen und Aktivitäten, bereit zum Import</translation>
    </message>
    <message>
        <source>SalesDesk JSON: everything, to import elsewhere</source>
        <translation>SalesDesk-JSON: alles, zum Importieren an anderer Stelle</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Name, company or e-mail contains…</source>
        <translation>Name, Firma oder E-Mail enthält …</translation>
    </message>
    <message>
        <source>e.g. Won</source>
        <translation>z. B. Won</translation>
    </message>
    <message>
        <source>Mark the file as UTF-8 for Excel (byte order mark)</source>
        <translation>Datei für Excel als UTF-8 kennzeichnen (Byte Order Mark)</translation>
    </message>
    <message>
        <source>Empty fields take every call.</source>
        <translation>Leere Felder schließen alle Gespräche ein.</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>&amp;Kontakt</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Ergebnis</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei wählen …</translation>
    </message>
    <message>
        <source>Empty fields take every call. Two files are written, named after the file you choose.</source>
        <translation>Leere Felder nehmen alle Gespräche. Es werden zwei Dateien geschrieben, benannt nach der Datei, die Sie wählen.</translation>
    </message>
</context>
<context>
    <name>ExportCommands</name>
    <message>
        <source>Markdown (*.md)</source>
        <extracomment>File dialog filters for one call, and the format each stands for (translated where shown: see filters()).</extracomment>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <source>Plain text (*.txt)</source>
        <translation>Reiner Text (*.txt)</translation>
    </message>
    <message>
        <source>SalesDesk JSON, complete (*.json)</source>
        <translation>SalesDesk-JSON, vollständig (*.json)</translation>
    </message>
    <message>
        <source>CSV for a spreadsheet or CRM (*.csv)</source>
        <translation>CSV für Tabellenkalkulation oder CRM (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Copy call notes</source>
        <translation>Gesprächsnotizen &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy this call as rich text and Markdown, to paste into a CRM, e-mail or chat</source>
        <translation>Dieses Gespräch als formatierten Text und Markdown kopieren, zum Einfügen in CRM, E-Mail oder Chat</translation>
    </message>
    <message>
        <source>&amp;Export call…</source>
        <translation>Gespräch e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Save this call as a PDF, Markdown, web page, text or JSON file</source>
        <translation>Dieses Gespräch als PDF-, Markdown-, HTML-, Text- oder JSON-Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Follow-up e-mail…</source>
        <translation>&amp;Folge-E-Mail…</translation>
    </message>
    <message>
        <source>Write the recap e-mail from the playbook&apos;s template: copy it, open it in your mail app</source>
        <translation>Die Zusammenfassungs-E-Mail aus der Vorlage des Playbooks schreiben: kopieren, im Mailprogramm öffnen</translation>
    </message>
    <message>
        <source>Export &amp;many calls…</source>
        <translation>&amp;Mehrere Gespräche exportieren …</translation>
    </message>
    <message>
        <source>Save all calls, or those of a date range, contact or outcome, as CSV or JSON</source>
        <translation>Alle Gespräche oder die eines Zeitraums, Kontakts oder Ergebnisses als CSV oder JSON speichern</translation>
    </message>
    <message>
        <source>&amp;Import calls…</source>
        <translation>Gespräche &amp;importieren …</translation>
    </message>
    <message>
        <source>Read calls from a SalesDesk JSON file</source>
        <translation>Gespräche aus einer SalesDesk-JSON-Datei einlesen</translation>
    </message>
    <message>
        <source>No call to copy yet: start one with Ctrl+N.</source>
        <translation>Noch kein Gespräch zum Kopieren: beginnen Sie eines mit Strg+N.</translation>
    </message>
    <message>
        <source>Copied the call with %1: paste it into a CRM, an e-mail or a chat.</source>
        <translation>Gespräch mit %1 kopiert: fügen Sie es in ein CRM, eine E-Mail oder einen Chat ein.</translation>
    </message>
    <message>
        <source>No call to write an e-mail about yet: start one with Ctrl+N.</source>
        <translation>Noch kein Gespräch für eine E-Mail: Starten Sie eines mit Strg+N.</translation>
    </message>
    <message>
        <source>No call to export yet: start one with Ctrl+N.</source>
        <translation>Noch kein Gespräch zum Exportieren: beginnen Sie eines mit Strg+N.</translation>
    </message>
    <message>
        <source>Export call</source>
        <translation>Gespräch exportieren</translation>
    </message>
    <message>
        <source>The call was not saved: cannot write %1: %2.</source>
        <translation>Das Gespräch wurde nicht gespeichert: %1 lässt sich nicht schreiben: %2.</translation>
    </message>
    <message>
        <source>Saved the call with %1 to %2.</source>
        <translation>Gespräch mit %1 in %2 gespeichert.</translation>
    </message>
    <message>
        <source>Export calls</source>
        <translation>Gespräche exportieren</translation>
    </message>
    <message>
        <source>SalesDesk calls</source>
        <translation>SalesDesk-Gespräche</translation>
    </message>
    <message>
        <source>%1 import files (*.csv)</source>
        <translation>%1-Importdateien (*.csv)</translation>
    </message>
    <message>
        <source>Export calls for %1</source>
        <translation>Gespräche für %1 exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call(s) for %1: %2.</source>
        <translation>
            <numerusform>%n Gespräch für %1 exportiert: %2.</numerusform>
            <numerusform>%n Gespräche für %1 exportiert: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting calls for %1…</source>
        <translation>Gespräche für %1 werden exportiert…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call(s) to %1.</source>
        <translation>
            <numerusform>%n Gespräch nach %1 exportiert.</numerusform>
            <numerusform>%n Gespräche nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The calls were not exported to %1: %2</source>
        <translation>Die Gespräche wurden nicht nach %1 exportiert: %2</translation>
    </message>
    <message>
        <source>Exporting calls to %1…</source>
        <translation>Gespräche werden nach %1 exportiert …</translation>
    </message>
    <message>
        <source>Import calls</source>
        <translation>Gespräche importieren</translation>
    </message>
    <message>
        <source>SalesDesk JSON (*.json);;All files (*)</source>
        <translation>SalesDesk-JSON (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 has problems.</source>
        <translation>Nichts importiert: %1 enthält Fehler.</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: %2</source>
        <translation>Aus %1 wurde nichts importiert: %2</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert …</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n call(s).</source>
        <translation>
            <numerusform>%n Gespräch importiert.</numerusform>
            <numerusform>%n Gespräche importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n Gespräch</numerusform>
            <numerusform>%n Gespräche</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %1; skipped %n call(s) already here.</source>
        <translation>
            <numerusform>%1 importiert; %n Gespräch war schon vorhanden und wurde übersprungen.</numerusform>
            <numerusform>%1 importiert; %n Gespräche waren schon vorhanden und wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Finishing the export or import before closing…</source>
        <translation>Export oder Import wird vor dem Schließen abgeschlossen …</translation>
    </message>
</context>
<context>
    <name>FieldLimit</name>
    <message>
        <source>This field is full: it holds at most %1 characters. What did not fit was not added.</source>
        <translation>Dieses Feld ist voll: Es fasst höchstens %1 Zeichen. Was nicht mehr passte, wurde nicht eingefügt.</translation>
    </message>
    <message>
        <source>This field is full: it holds at most %1 characters, so nothing was added.</source>
        <translation>Dieses Feld ist voll: Es fasst höchstens %1 Zeichen, daher wurde nichts eingefügt.</translation>
    </message>
    <message>
        <source>This text is %1 characters long, more than the %2 a field holds. It is kept whole; here it is shown cut, and cannot be edited.</source>
        <translation>Dieser Text ist %1 Zeichen lang, mehr als die %2, die ein Feld fasst. Er bleibt vollständig erhalten; hier wird er gekürzt gezeigt und kann nicht bearbeitet werden.</translation>
    </message>
</context>
<context>
    <name>FollowUpsModel</name>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>%1 (%2 d late)</source>
        <translation>%1 (%2 T. überfällig)</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Nachfassen</translation>
    </message>
    <message>
        <source>From the call on %1. Enter starts the follow-up call.</source>
        <translation>Aus dem Gespräch vom %1. Eingabe beginnt das Folgegespräch.</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>Next steps from your wrap-ups that are due today or overdue, and whose contact you have not called since. Enter starts the follow-up call.</source>
        <translation>Nächste Schritte aus Ihren Nachbereitungen, die heute fällig oder überfällig sind und deren Kontakt Sie seitdem nicht angerufen haben. Eingabe beginnt das Folgegespräch.</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>&amp;Start follow-up call</source>
        <translation>Folgegespräch &amp;beginnen</translation>
    </message>
    <message>
        <source>Start a call with this contact (Enter)</source>
        <translation>Ein Gespräch mit diesem Kontakt beginnen (Eingabe)</translation>
    </message>
    <message>
        <source>Open &amp;last call</source>
        <translation>&amp;Letztes Gespräch öffnen</translation>
    </message>
    <message>
        <source>Read the call this next step came from</source>
        <translation>Das Gespräch lesen, aus dem dieser nächste Schritt stammt</translation>
    </message>
    <message>
        <source>Next steps from the team&apos;s wrap-ups that are due today or overdue, and whose contact that rep has not called since.</source>
        <translation>Nächste Schritte aus den Nachbereitungen des Teams, die heute fällig oder überfällig sind und deren Kontakt die betreffende Person seitdem nicht angerufen hat.</translation>
    </message>
    <message>
        <source>Team server not reachable; your own calls are under Mine.</source>
        <translation>Team-Server nicht erreichbar; Ihre eigenen Gespräche finden Sie unter „Meine“.</translation>
    </message>
    <message>
        <source>Nothing due.</source>
        <translation>Nichts fällig.</translation>
    </message>
    <message>
        <source>%1+ follow-ups due.</source>
        <translation>%1+ Wiedervorlagen fällig.</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) due.</source>
        <translation>
            <numerusform>%n Wiedervorlage fällig.</numerusform>
            <numerusform>%n Wiedervorlagen fällig.</numerusform>
        </translation>
    </message>
    <message>
        <source>Team follow-ups are listed here; start your own under Mine.</source>
        <translation>Team-Folgegespräche werden hier nur aufgelistet; Ihre eigenen beginnen Sie unter „Meine“.</translation>
    </message>
</context>
<context>
    <name>FollowupEmailDialog</name>
    <message>
        <source>Follow-up e-mail to %1</source>
        <extracomment>The rep copied, opened or saved the e-mail: a line for the status bar. The last .eml file written (opened in the mail app or saved).</extracomment>
        <translation>Folge-E-Mail an %1</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>E-mail text</source>
        <translation>E-Mail-Text</translation>
    </message>
    <message>
        <source>Mark as &amp;sent</source>
        <translation>Als &amp;gesendet markieren</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Put the text on the clipboard, formatted and plain</source>
        <translation>Den Text in die Zwischenablage legen, formatiert und als reiner Text</translation>
    </message>
    <message>
        <source>&amp;Open in mail app</source>
        <translation>Im &amp;Mailprogramm öffnen</translation>
    </message>
    <message>
        <source>A new message in your mail app with the subject and text</source>
        <translation>Eine neue Nachricht in Ihrem Mailprogramm mit Betreff und Text</translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation>Als .&amp;eml speichern…</translation>
    </message>
    <message>
        <source>Save the message as a file any mail app opens</source>
        <translation>Die Nachricht als Datei speichern, die jedes Mailprogramm öffnet</translation>
    </message>
    <message>
        <source>&amp;Template</source>
        <translation>&amp;Vorlage</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>S&amp;ubject</source>
        <translation>Be&amp;treff</translation>
    </message>
    <message>
        <source>This call&apos;s playbook has no e-mail templates: write the e-mail here.</source>
        <translation>Das Playbook dieses Gesprächs hat keine E-Mail-Vorlagen: Schreiben Sie die E-Mail hier.</translation>
    </message>
    <message>
        <source>%1 (no e-mail address on the contact)</source>
        <translation>%1 (keine E-Mail-Adresse beim Kontakt)</translation>
    </message>
    <message>
        <source>Still to fill in: %1</source>
        <translation>Noch auszufüllen: %1</translation>
    </message>
    <message>
        <source>Replace the text?</source>
        <translation>Text ersetzen?</translation>
    </message>
    <message>
        <source>Start again from this template? The text you changed is replaced.</source>
        <translation>Mit dieser Vorlage neu beginnen? Der Text, den Sie geändert haben, wird ersetzt.</translation>
    </message>
    <message>
        <source>sent %1</source>
        <translation>gesendet %1</translation>
    </message>
    <message>
        <source>Copied the e-mail&apos;s text: paste it into your message.</source>
        <translation>Der Text der E-Mail wurde kopiert: Fügen Sie ihn in Ihre Nachricht ein.</translation>
    </message>
    <message>
        <source>Opened the e-mail in your mail app.</source>
        <translation>Die E-Mail wurde in Ihrem Mailprogramm geöffnet.</translation>
    </message>
    <message>
        <source>The e-mail is too long for a mail link: opened it as an .eml file instead.</source>
        <translation>Die E-Mail ist für einen Mail-Link zu lang: Sie wurde stattdessen als .eml-Datei geöffnet.</translation>
    </message>
    <message>
        <source>Save e-mail</source>
        <translation>E-Mail speichern</translation>
    </message>
    <message>
        <source>E-mail message (*.eml)</source>
        <translation>E-Mail-Nachricht (*.eml)</translation>
    </message>
    <message>
        <source>Saved the e-mail to %1.</source>
        <translation>Die E-Mail wurde unter %1 gespeichert.</translation>
    </message>
    <message>
        <source>E-mail not saved</source>
        <translation>E-Mail nicht gespeichert</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. The text stays here.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Der Text bleibt hier.</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>The steps of the call, in order. The rep moves through them with Ctrl+PgDown.</source>
        <translation>Die Schritte des Gesprächs, in ihrer Reihenfolge. Im Gespräch geht es mit Strg+Bild↓ weiter.</translation>
    </message>
    <message>
        <source>What the rep ticks off in this stage.</source>
        <translation>Was in dieser Phase abgehakt wird.</translation>
    </message>
    <message>
        <source>Questions to ask in this stage; the rep types the answers beside them.</source>
        <translation>Fragen für diese Phase; die Antworten werden direkt daneben notiert.</translation>
    </message>
    <message>
        <source>What prospects push back with, and the lines that answer it.</source>
        <translation>Womit Interessenten Einwände erheben, und die Sätze, die darauf antworten.</translation>
    </message>
    <message>
        <source>Ways to ask for the decision, with example lines.</source>
        <translation>Wege, um die Entscheidung zu bitten, mit Beispielsätzen.</translation>
    </message>
    <message>
        <source>Reorder by dragging, or with Ctrl+Up and Ctrl+Down in the list.</source>
        <translation>Die Reihenfolge ändern Sie durch Ziehen oder mit Strg+↑ und Strg+↓ in der Liste.</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
</context>
<context>
    <name>HistoryCommands</name>
    <message>
        <source>Call not shown</source>
        <translation>Gespräch nicht angezeigt</translation>
    </message>
    <message>
        <source>Wrap-up of the call with %1</source>
        <translation>Nachbereitung des Gesprächs mit %1</translation>
    </message>
    <message>
        <source>Save wrap-up</source>
        <translation>Nachbereitung speichern</translation>
    </message>
    <message>
        <source>A call is running</source>
        <translation>Ein Gespräch läuft</translation>
    </message>
    <message>
        <source>End the call with %1 first?</source>
        <translation>Zuerst das Gespräch mit %1 beenden?</translation>
    </message>
    <message>
        <source>Call not continued</source>
        <translation>Gespräch nicht fortgesetzt</translation>
    </message>
</context>
<context>
    <name>HistoryMenu</name>
    <message>
        <source>&amp;History</source>
        <extracomment>A worker finished (exported, imported or failed) and its result was shown. Exports and imports started and not yet reported (they run in background.JOBS, in order). The call that ended last in this session (complete in memory).</extracomment>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Call &amp;history…</source>
        <translation>Gesprächs&amp;verlauf …</translation>
    </message>
    <message>
        <source>List past calls: filter, sort and open them</source>
        <translation>Frühere Gespräche auflisten: filtern, sortieren und öffnen</translation>
    </message>
    <message>
        <source>&amp;Search all calls…</source>
        <translation>Alle Gespräche &amp;durchsuchen …</translation>
    </message>
    <message>
        <source>Search the notes, answers, objections and contacts of every call</source>
        <translation>Notizen, Antworten, Einwände und Kontakte aller Gespräche durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Follow-ups due…</source>
        <translation>Fällige &amp;Wiedervorlagen …</translation>
    </message>
    <message>
        <source>Next steps due today or overdue; start the follow-up call</source>
        <translation>Heute fällige oder überfällige nächste Schritte; das Folgegespräch beginnen</translation>
    </message>
    <message>
        <source>&amp;Insights…</source>
        <translation>&amp;Auswertungen …</translation>
    </message>
    <message>
        <source>Charts of your outcomes, objections, stages and call lengths</source>
        <translation>Diagramme zu Ihren Ergebnissen, Einwänden, Phasen und Gesprächsdauern</translation>
    </message>
</context>
<context>
    <name>HistoryModels</name>
    <message>
        <source>Notes</source>
        <extracomment>Role carrying the row&apos;s domain object (CallSummary, FollowUp, SearchHit). Role carrying rich text (HTML) for the search results delegate. Where a search hit was found (storage.search names the parts of a call in English).</extracomment>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>Einwände</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Nachbereitung</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Stage reached</source>
        <translation>Erreichte Phase</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>Last outcome</source>
        <translation>Letztes Ergebnis</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>History — SalesDesk</source>
        <translation>Verlauf — SalesDesk</translation>
    </message>
    <message>
        <source>&amp;Calls</source>
        <translation>&amp;Gespräche</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suche</translation>
    </message>
    <message>
        <source>&amp;Follow-ups</source>
        <translation>&amp;Wiedervorlagen</translation>
    </message>
    <message>
        <source>&amp;Insights</source>
        <translation>&amp;Auswertungen</translation>
    </message>
</context>
<context>
    <name>InsightsPage</name>
    <message>
        <source>Playbook</source>
        <translation>Playbook</translation>
    </message>
    <message>
        <source>All playbooks</source>
        <translation>Alle Playbooks</translation>
    </message>
    <message>
        <source>Outcomes over time</source>
        <translation>Ergebnisse im Zeitverlauf</translation>
    </message>
    <message>
        <source>Calls per week</source>
        <translation>Gespräche pro Woche</translation>
    </message>
    <message>
        <source>Objections met most often</source>
        <translation>Die häufigsten Einwände</translation>
    </message>
    <message>
        <source>Where calls stop</source>
        <translation>Wo Gespräche enden</translation>
    </message>
    <message>
        <source>Average call length</source>
        <translation>Durchschnittliche Gesprächsdauer</translation>
    </message>
    <message>
        <source>Dark green: how often you handled it.</source>
        <translation>Dunkelgrün: wie oft Sie ihn behandelt haben.</translation>
    </message>
    <message>
        <source>The furthest stage each ended call reached.</source>
        <translation>Die weiteste Phase, die jedes beendete Gespräch erreicht hat.</translation>
    </message>
    <message>
        <source>Team server not reachable; your own calls are under Mine.</source>
        <translation>Team-Server nicht erreichbar; Ihre eigenen Gespräche finden Sie unter „Meine“.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s), %1 ended, average length %2.</source>
        <translation>
            <numerusform>%Ln Gespräch, %1 beendet, durchschnittliche Dauer %2.</numerusform>
            <numerusform>%Ln Gespräche, %1 beendet, durchschnittliche Dauer %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>No calls in this period.</source>
        <translation>Keine Gespräche in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <translation>MMM yyyy</translation>
    </message>
    <message>
        <source>dd MMM</source>
        <translation>dd. MMM</translation>
    </message>
    <message>
        <source>(none)</source>
        <comment>no outcome recorded</comment>
        <translation>(keines)</translation>
    </message>
    <message>
        <source>Calls started each month, by outcome.</source>
        <translation>Begonnene Gespräche pro Monat, nach Ergebnis.</translation>
    </message>
    <message>
        <source>Average length of the ended calls, each month.</source>
        <translation>Durchschnittliche Dauer der beendeten Gespräche, pro Monat.</translation>
    </message>
    <message>
        <source>Calls started each week, by outcome.</source>
        <translation>Begonnene Gespräche pro Woche, nach Ergebnis.</translation>
    </message>
    <message>
        <source>Average length of the ended calls, each week.</source>
        <translation>Durchschnittliche Dauer der beendeten Gespräche, pro Woche.</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Gespräche</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>%1 · %2% handled</source>
        <translation>%1 · %2 % behandelt</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>Bedarf</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitrahmen</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Entscheider</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>nächster Schritt</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>need</source>
        <translation>Bedarf</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>Zeitrahmen</translation>
    </message>
    <message>
        <source>authority</source>
        <translation>Entscheider</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>Einwand</translation>
    </message>
    <message>
        <source>Rebuttal line</source>
        <translation>Antwortsatz</translation>
    </message>
    <message>
        <source>Closing technique</source>
        <translation>Abschlusstechnik</translation>
    </message>
    <message>
        <source>Closing line</source>
        <translation>Abschlusssatz</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
</context>
<context>
    <name>LastTime</name>
    <message>
        <source>dd MMM yyyy</source>
        <extracomment>Until start-up has opened the database, look again this often. The panel sits above the checklist in a 380 px sidebar: it stays a few lines tall.</extracomment>
        <translation>dd. MMM yyyy</translation>
    </message>
    <message>
        <source>no outcome</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <source>dd MMM</source>
        <translation>dd. MMM</translation>
    </message>
    <message>
        <source>%1 (due %2)</source>
        <translation>%1 (fällig %2)</translation>
    </message>
    <message>
        <source>next: %1</source>
        <translation>als Nächstes: %1</translation>
    </message>
    <message>
        <source>Open objections:</source>
        <translation>Offene Einwände:</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>LastTimePanel</name>
    <message>
        <source>Show or hide the earlier calls</source>
        <extracomment>Teammates&apos; calls with this contact (team mode), newest first, and whose they are.</extracomment>
        <translation>Frühere Gespräche ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Last time</source>
        <translation>Letztes Mal</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier call(s)</source>
        <translation>
            <numerusform>%n früheres Gespräch</numerusform>
            <numerusform>%n frühere Gespräche</numerusform>
        </translation>
    </message>
    <message>
        <source>no outcome</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <source>%1 on %2 (%3)</source>
        <translation>%1 am %2 (%3)</translation>
    </message>
    <message>
        <source>Teammates:</source>
        <translation>Im Team:</translation>
    </message>
    <message>
        <source>Last time: %1, %2 (%3)</source>
        <translation>Letztes Mal: %1, %2 (%3)</translation>
    </message>
    <message>
        <source>A teammate called them: %1, %2</source>
        <translation>Schon im Team angerufen: %1, %2</translation>
    </message>
    <message>
        <source>Hide the earlier calls</source>
        <translation>Frühere Gespräche ausblenden</translation>
    </message>
    <message>
        <source>Show the earlier calls</source>
        <translation>Frühere Gespräche einblenden</translation>
    </message>
</context>
<context>
    <name>Listening</name>
    <message>
        <source>Listening starts again; the call goes on.</source>
        <translation>Das Mithören startet neu; das Gespräch läuft weiter.</translation>
    </message>
    <message>
        <source>The call goes on without listening.</source>
        <translation>Das Gespräch läuft ohne Mithören weiter.</translation>
    </message>
    <message>
        <source>&amp;Resume listening</source>
        <translation>Mithören &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Pause listening</source>
        <translation>Mithören &amp;pausieren</translation>
    </message>
    <message>
        <source>&amp;Listen to the call</source>
        <translation>Gespräch &amp;mithören</translation>
    </message>
    <message>
        <source>Raise cues from what the prospect says (on this computer only)</source>
        <translation>Hinweise aus dem, was der Interessent sagt (nur auf diesem Computer)</translation>
    </message>
    <message>
        <source>Pause or resume listening to the call</source>
        <translation>Das Mithören pausieren oder fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Listening settings…</source>
        <translation>Mithör-Einstell&amp;ungen …</translation>
    </message>
    <message>
        <source>Sound device, speech model and transcript for listening</source>
        <translation>Tongerät, Sprachmodell und Protokoll fürs Mithören</translation>
    </message>
    <message>
        <source>No sound server (PulseAudio or PipeWire) to listen to.</source>
        <extracomment>Session states, as ``stateChanged`` gives them.</extracomment>
        <translation>Kein Sound-Server (PulseAudio oder PipeWire) zum Mithören.</translation>
    </message>
    <message>
        <source>The sound device chosen for listening is not there: choose another in the listening settings.</source>
        <translation>Das gewählte Tongerät ist nicht da: Wählen Sie in den Mithör-Einstellungen ein anderes.</translation>
    </message>
    <message>
        <source>The call&apos;s sound cannot be captured here: no output device to listen to.</source>
        <translation>Der Ton des Gesprächs lässt sich hier nicht abgreifen: kein Ausgabegerät zum Mithören.</translation>
    </message>
    <message>
        <source>The call&apos;s sound stopped coming in.</source>
        <translation>Der Ton des Gesprächs kommt nicht mehr an.</translation>
    </message>
    <message>
        <source>No speech model yet: download one in the listening settings.</source>
        <translation>Noch kein Sprachmodell: Laden Sie eines in den Mithör-Einstellungen herunter.</translation>
    </message>
    <message>
        <source>The speech model is damaged: download it again in the listening settings.</source>
        <translation>Das Sprachmodell ist beschädigt: Laden Sie es in den Mithör-Einstellungen neu herunter.</translation>
    </message>
    <message>
        <source>Listening needs its add-on: pip install &apos;salesdesk[listen]&apos;.</source>
        <translation>Mithören braucht seine Erweiterung: pip install &apos;salesdesk[listen]&apos;.</translation>
    </message>
    <message>
        <source>The listening process stopped.</source>
        <translation>Der Mithör-Prozess wurde beendet.</translation>
    </message>
</context>
<context>
    <name>ListeningDialog</name>
    <message>
        <source>Listening settings</source>
        <translation>Mithör-Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Listen to calls</source>
        <translation>Bei Gesprächen &amp;mithören</translation>
    </message>
    <message>
        <source>Keep a &amp;transcript</source>
        <translation>Ein &amp;Protokoll führen</translation>
    </message>
    <message>
        <source>Heard phrases go into the call&apos;s notes, marked as heard, with who spoke.</source>
        <translation>Gehörte Sätze kommen in die Notizen des Gesprächs, als gehört markiert, mit dem Sprecher.</translation>
    </message>
    <message>
        <source>Sound to listen to</source>
        <translation>Ton zum Mithören</translation>
    </message>
    <message>
        <source>Output device to listen to</source>
        <translation>Ausgabegerät zum Mithören</translation>
    </message>
    <message>
        <source>The default output</source>
        <translation>Die Standardausgabe</translation>
    </message>
    <message>
        <source>Sound level</source>
        <translation>Pegel</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Pegel:</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <source>Model to download</source>
        <translation>Herunterzuladendes Modell</translation>
    </message>
    <message>
        <source>%1 (about %2 MB)</source>
        <translation>%1 (etwa %2 MB)</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>&amp;Herunterladen …</translation>
    </message>
    <message>
        <source>Use a model &amp;folder…</source>
        <translation>Modell&amp;ordner verwenden …</translation>
    </message>
    <message>
        <source>The chosen device is not connected now.</source>
        <translation>Das gewählte Gerät ist gerade nicht angeschlossen.</translation>
    </message>
    <message>
        <source>Play something: the bar moves when sound arrives.</source>
        <translation>Spielen Sie etwas ab: Der Balken bewegt sich, wenn Ton ankommt.</translation>
    </message>
    <message>
        <source>%1 is not downloaded yet.</source>
        <translation>%1 ist noch nicht heruntergeladen.</translation>
    </message>
    <message>
        <source>The model in %1 cannot be used: %2</source>
        <translation>Das Modell in %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>Using %1, ready.</source>
        <translation>%1 wird verwendet, bereit.</translation>
    </message>
    <message>
        <source>Choose a speech model folder</source>
        <translation>Einen Sprachmodell-Ordner wählen</translation>
    </message>
    <message>
        <source>Not a speech model folder, nothing changed: %1</source>
        <translation>Kein Sprachmodell-Ordner, nichts geändert: %1</translation>
    </message>
</context>
<context>
    <name>ListeningStrip</name>
    <message>
        <source>Before you go on, say: “An assistant on my computer listens along to show me notes. Nothing is recorded or sent anywhere. Is that all right with you?”</source>
        <translation>Sagen Sie vorher: „Ein Assistent auf meinem Computer hört mit, um mir Notizen zu zeigen. Nichts wird aufgezeichnet oder gesendet. Ist das für Sie in Ordnung?“</translation>
    </message>
    <message>
        <source>Listening state</source>
        <translation>Mithör-Zustand</translation>
    </message>
    <message>
        <source>Listening problem</source>
        <translation>Mithör-Problem</translation>
    </message>
    <message>
        <source>Listen again</source>
        <translation>Wieder mithören</translation>
    </message>
    <message>
        <source>Start listening again (the call goes on either way)</source>
        <translation>Das Mithören neu starten (das Gespräch läuft so oder so weiter)</translation>
    </message>
    <message>
        <source>Reminder to read out</source>
        <translation>Satz zum Vorlesen</translation>
    </message>
    <message>
        <source>Hide the reminder for this call</source>
        <translation>Den Satz für dieses Gespräch ausblenden</translation>
    </message>
    <message>
        <source>Hide the reminder</source>
        <translation>Den Satz ausblenden</translation>
    </message>
    <message>
        <source>Listening starts…</source>
        <translation>Mithören startet …</translation>
    </message>
    <message>
        <source>● Listening</source>
        <translation>● Mithören</translation>
    </message>
    <message>
        <source>Ⅱ Listening paused</source>
        <translation>Ⅱ Mithören pausiert</translation>
    </message>
    <message>
        <source>Listening starts again…</source>
        <translation>Mithören startet neu …</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>Kein Mithören</translation>
    </message>
</context>
<context>
    <name>LongTextView</name>
    <message>
        <source>&amp;Previous page</source>
        <translation>&amp;Vorherige Seite</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>&amp;Nächste Seite</translation>
    </message>
    <message>
        <source>&amp;Copy all</source>
        <translation>Alles &amp;kopieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Characters %1–%2 of %3</source>
        <translation>Zeichen %1–%2 von %3</translation>
    </message>
</context>
<context>
    <name>NodeForm</name>
    <message>
        <source>&amp;Key</source>
        <translation>&amp;Schlüssel</translation>
    </message>
    <message>
        <source>Links calls to this item. Made from the title for a new item; it stays the same when you rename.</source>
        <translation>Verknüpft Gespräche mit diesem Eintrag. Bei neuen Einträgen aus dem Titel gebildet; beim Umbenennen bleibt er gleich.</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Version</source>
        <translation>&amp;Version</translation>
    </message>
    <message>
        <source>Save as new version raises it (1.0 → 1.1).</source>
        <translation>„Als neue Version speichern“ erhöht sie (1.0 → 1.1).</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <source>The language the playbook is written in, as a code: en, de, fr…</source>
        <translation>Die Sprache, in der das Playbook geschrieben ist, als Kürzel: en, de, fr …</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <source>Need prompt</source>
        <translation>Frage zum Bedarf</translation>
    </message>
    <message>
        <source>Budget prompt</source>
        <translation>Frage zum Budget</translation>
    </message>
    <message>
        <source>Timeline prompt</source>
        <translation>Frage zum Zeitrahmen</translation>
    </message>
    <message>
        <source>Authority prompt</source>
        <translation>Frage zur Entscheidung</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Goal</source>
        <translation>&amp;Ziel</translation>
    </message>
    <message>
        <source>What the rep wants to have achieved when leaving this stage.</source>
        <translation>Was am Ende dieser Phase erreicht sein soll.</translation>
    </message>
    <message>
        <source>Time &amp;box</source>
        <translation>Zeit&amp;vorgabe</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>&amp;Frage</translation>
    </message>
    <message>
        <source>&amp;Hint</source>
        <translation>&amp;Hinweis</translation>
    </message>
    <message>
        <source>A note for the rep, shown in the empty answer box.</source>
        <translation>Eine Notiz für Sie, im leeren Antwortfeld angezeigt.</translation>
    </message>
    <message>
        <source>&amp;Rebuttal lines</source>
        <translation>&amp;Antwortsätze</translation>
    </message>
    <message>
        <source>One line to say per row.</source>
        <translation>Ein Satz pro Zeile.</translation>
    </message>
    <message>
        <source>&amp;Why it works</source>
        <translation>&amp;Warum es wirkt</translation>
    </message>
    <message>
        <source>Tri&amp;gger words</source>
        <translation>Si&amp;gnalwörter</translation>
    </message>
    <message>
        <source>Phrases that point to this objection when heard or typed in notes, separated by commas.</source>
        <translation>Wendungen, die auf diesen Einwand hindeuten, wenn sie fallen oder in Notizen getippt werden; durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>&amp;Zusammenfassung</translation>
    </message>
    <message>
        <source>&amp;Example lines</source>
        <translation>&amp;Beispielsätze</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>too expensive, no budget, pricey</source>
        <translation>zu teuer, kein Budget, kostet zu viel</translation>
    </message>
    <message>
        <source>Playbook</source>
        <translation>Playbook</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Notes</source>
        <extracomment>Row heights kept, by text and width: adding a note lays the whole list out again, and measuring wrapped text for every note of a two-hour call costs tens of ms.</extracomment>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Neue Notiz</translation>
    </message>
    <message>
        <source>Type a note, Enter to add it (Ctrl+J)</source>
        <translation>Notiz tippen, Eingabe fügt sie hinzu (Strg+J)</translation>
    </message>
</context>
<context>
    <name>ObjectionLogModel</name>
    <message>
        <source>handled</source>
        <comment>objection state</comment>
        <translation>behandelt</translation>
    </message>
    <message>
        <source>open</source>
        <comment>objection state</comment>
        <translation>offen</translation>
    </message>
    <message>
        <source>Tick when handled</source>
        <translation>Abhaken, wenn behandelt</translation>
    </message>
</context>
<context>
    <name>ObjectionsPanel</name>
    <message>
        <source>Find an objection… (Ctrl+F)</source>
        <translation>Einwand suchen … (Strg+F)</translation>
    </message>
    <message>
        <source>Find an objection</source>
        <translation>Einwand suchen</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>Einwände</translation>
    </message>
    <message>
        <source>Rebuttal</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Pick an objection to see what to say.</source>
        <translation>Wählen Sie einen Einwand, um zu sehen, was Sie sagen können.</translation>
    </message>
    <message>
        <source>Objections raised on this call</source>
        <translation>In diesem Gespräch genannte Einwände</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo the last change to the objection log</source>
        <translation>Die letzte Änderung an den erfassten Einwänden rückgängig machen</translation>
    </message>
    <message>
        <source>Note on the selected objection…</source>
        <translation>Notiz zum gewählten Einwand …</translation>
    </message>
    <message>
        <source>Objection note</source>
        <translation>Notiz zum Einwand</translation>
    </message>
    <message>
        <source>Raised on this call</source>
        <translation>In diesem Gespräch genannt</translation>
    </message>
    <message>
        <source>No objection matches “%1”.</source>
        <translation>Kein Einwand passt zu „%1“.</translation>
    </message>
    <message>
        <source>Why this works:</source>
        <translation>Warum das wirkt:</translation>
    </message>
    <message>
        <source>Select an entry under “Raised on this call” first.</source>
        <translation>Wählen Sie zuerst einen Eintrag unter „In diesem Gespräch genannt“.</translation>
    </message>
    <message>
        <source>“%1” removed. Ctrl+Z brings it back.</source>
        <translation>„%1“ entfernt. Strg+Z holt es zurück.</translation>
    </message>
    <message>
        <source>“%1” is logged once on this call: nothing to merge.</source>
        <translation>„%1“ ist in diesem Gespräch nur einmal erfasst: nichts zusammenzuführen.</translation>
    </message>
    <message>
        <source>“%2”: %1 entries merged into one. Ctrl+Z undoes it.</source>
        <translation>„%2“: %1 Einträge zu einem zusammengeführt. Strg+Z macht es rückgängig.</translation>
    </message>
</context>
<context>
    <name>PlaybookEditor</name>
    <message>
        <source>Playbooks — SalesDesk</source>
        <extracomment>A playbook file was written (saved, imported or deleted): the library changed.</extracomment>
        <translation>Playbooks — SalesDesk</translation>
    </message>
    <message>
        <source>&amp;New playbook</source>
        <translation>&amp;Neues Playbook</translation>
    </message>
    <message>
        <source>Start a new playbook</source>
        <translation>Ein neues Playbook beginnen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <source>Import a playbook file</source>
        <translation>Eine Playbook-Datei importieren</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <source>Save this playbook as a file to share</source>
        <translation>Dieses Playbook als Datei zum Weitergeben speichern</translation>
    </message>
    <message>
        <source>&amp;Save as new version</source>
        <translation>Als neue Version &amp;speichern</translation>
    </message>
    <message>
        <source>Save with the next version number; calls already started keep their version</source>
        <translation>Mit der nächsten Versionsnummer speichern; begonnene Gespräche behalten ihre Version</translation>
    </message>
    <message>
        <source>Save as new &amp;playbook…</source>
        <translation>Als neues &amp;Playbook speichern …</translation>
    </message>
    <message>
        <source>Save these changes as a separate playbook with a new name</source>
        <translation>Diese Änderungen als eigenes Playbook mit neuem Namen speichern</translation>
    </message>
    <message>
        <source>&amp;Delete playbook…</source>
        <translation>Playbook &amp;löschen …</translation>
    </message>
    <message>
        <source>Delete your playbook file</source>
        <translation>Ihre Playbook-Datei löschen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Add an item here</source>
        <translation>Hier einen Eintrag hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>Rename the selected item</source>
        <translation>Den gewählten Eintrag umbenennen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the selected item</source>
        <translation>Den gewählten Eintrag löschen</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach u&amp;nten</translation>
    </message>
    <message>
        <source>Add &amp;stage</source>
        <translation>&amp;Phase hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;checklist item</source>
        <translation>&amp;Checklistenpunkt hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;question</source>
        <translation>&amp;Frage hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;objection</source>
        <translation>&amp;Einwand hinzufügen</translation>
    </message>
    <message>
        <source>Add closing &amp;technique</source>
        <translation>&amp;Abschlusstechnik hinzufügen</translation>
    </message>
    <message>
        <source>Undo %1 (Ctrl+Z)</source>
        <translation>Rückgängig: %1 (Strg+Z)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo %1 (Ctrl+Shift+Z)</source>
        <translation>Wiederholen: %1 (Strg+Umschalt+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Playbook</source>
        <translation>&amp;Playbook</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Move u&amp;p</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Playbook</source>
        <translation>Playbook</translation>
    </message>
    <message>
        <source>Playbook to edit</source>
        <translation>Zu bearbeitendes Playbook</translation>
    </message>
    <message>
        <source>Play&amp;book:</source>
        <translation>Play&amp;book:</translation>
    </message>
    <message>
        <source>Playbook contents</source>
        <translation>Inhalt des Playbooks</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>mitgeliefert</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>Ihres</translation>
    </message>
    <message>
        <source>%1 (not saved yet)</source>
        <translation>%1 (noch nicht gespeichert)</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Ohne Namen</translation>
    </message>
    <message>
        <source>%1[*] — Playbooks — SalesDesk</source>
        <translation>%1[*] — Playbooks — SalesDesk</translation>
    </message>
    <message>
        <source>A new playbook: Save as new version (Ctrl+S) writes it to your playbooks.</source>
        <translation>Ein neues Playbook: „Als neue Version speichern“ (Strg+S) legt es bei Ihren Playbooks ab.</translation>
    </message>
    <message>
        <source>This is a built-in playbook. Saving keeps your changes as your own version, which then takes its place in the list (delete yours to get the built-in one back).</source>
        <translation>Dies ist ein mitgeliefertes Playbook. Beim Speichern entsteht Ihre eigene Version, die es in der Liste ersetzt (löschen Sie Ihre Version, um das mitgelieferte zurückzubekommen).</translation>
    </message>
    <message>
        <source>Saving writes the next version. Calls already started keep the version they began with.</source>
        <translation>Speichern schreibt die nächste Version. Begonnene Gespräche behalten die Version, mit der sie begonnen haben.</translation>
    </message>
    <message>
        <source>Save your changes first, then export</source>
        <translation>Erst die Änderungen speichern, dann exportieren</translation>
    </message>
    <message>
        <source>Save this playbook as a file</source>
        <translation>Dieses Playbook als Datei speichern</translation>
    </message>
    <message>
        <source>1 problem: fix it to save.</source>
        <translation>1 Problem: zum Speichern beheben.</translation>
    </message>
    <message>
        <source>%1 problems: fix them to save.</source>
        <translation>%1 Probleme: zum Speichern beheben.</translation>
    </message>
    <message>
        <source>No problems: ready to save.</source>
        <translation>Keine Probleme: bereit zum Speichern.</translation>
    </message>
    <message>
        <source>Deleted. Undo with Ctrl+Z.</source>
        <translation>Gelöscht. Rückgängig mit Strg+Z.</translation>
    </message>
    <message>
        <source>a built-in playbook has this name; choose another one</source>
        <translation>ein mitgeliefertes Playbook heißt so; bitte einen anderen Namen wählen</translation>
    </message>
    <message>
        <source>another playbook (%1) has this name; choose another one</source>
        <translation>ein anderes Playbook (%1) heißt so; bitte einen anderen Namen wählen</translation>
    </message>
    <message>
        <source>Not saved: fix the problems listed at the bottom first.</source>
        <translation>Nicht gespeichert: zuerst die unten aufgeführten Probleme beheben.</translation>
    </message>
    <message>
        <source>Not saved: %1.</source>
        <translation>Nicht gespeichert: %1.</translation>
    </message>
    <message>
        <source>No changes to save.</source>
        <translation>Keine Änderungen zu speichern.</translation>
    </message>
    <message>
        <source>Playbook not saved</source>
        <translation>Playbook nicht gespeichert</translation>
    </message>
    <message>
        <source>Saved %1, version %2.</source>
        <translation>%1 gespeichert, Version %2.</translation>
    </message>
    <message>
        <source>Save as new playbook</source>
        <translation>Als neues Playbook speichern</translation>
    </message>
    <message>
        <source>Name of the new playbook:</source>
        <translation>Name des neuen Playbooks:</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>New playbook</source>
        <translation>Neues Playbook</translation>
    </message>
    <message>
        <source>New playbook %1</source>
        <translation>Neues Playbook %1</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>Einstieg</translation>
    </message>
    <message>
        <source>Imported %1 as %2.</source>
        <translation>%1 als %2 importiert.</translation>
    </message>
    <message>
        <source>Save your changes first, then export.</source>
        <translation>Erst die Änderungen speichern, dann exportieren.</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Delete your playbook “%1” (%2)? Calls already made with it keep their copy.</source>
        <translation>Ihr Playbook „%1“ (%2) löschen? Gespräche, die damit geführt wurden, behalten ihre Kopie.</translation>
    </message>
    <message>
        <source>The built-in version will be used again.</source>
        <translation>Dann gilt wieder die mitgelieferte Version.</translation>
    </message>
    <message>
        <source>Delete playbook</source>
        <translation>Playbook löschen</translation>
    </message>
    <message>
        <source>Playbook not deleted</source>
        <translation>Playbook nicht gelöscht</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to “%1” as a new version first?</source>
        <translation>Die Änderungen an „%1“ vorher als neue Version speichern?</translation>
    </message>
</context>
<context>
    <name>PlaybookFiles</name>
    <message>
        <source>Playbooks (*.toml);;All files (*)</source>
        <translation>Playbooks (*.toml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import a playbook</source>
        <translation>Ein Playbook importieren</translation>
    </message>
    <message>
        <source>Export the playbook</source>
        <translation>Das Playbook exportieren</translation>
    </message>
    <message>
        <source>Playbook not imported</source>
        <translation>Playbook nicht importiert</translation>
    </message>
    <message>
        <source>“%1” has problems, so nothing was imported. Fix them and import it again.</source>
        <translation>„%1“ enthält Fehler, daher wurde nichts importiert. Beheben Sie sie und importieren Sie die Datei erneut.</translation>
    </message>
    <message>
        <source>Replace your playbook?</source>
        <translation>Ihr Playbook ersetzen?</translation>
    </message>
    <message>
        <source>You already have a playbook called “%1” (version %2). Replace it with the one in “%3”?</source>
        <translation>Sie haben bereits ein Playbook namens „%1“ (Version %2). Durch das aus „%3“ ersetzen?</translation>
    </message>
    <message>
        <source>Could not write the file</source>
        <translation>Datei konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>The playbook file could not be written: %1</source>
        <translation>Die Playbook-Datei konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>PlaybookMenu</name>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Edit playbooks…</source>
        <translation>Playbooks &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>Edit, create and delete playbooks</source>
        <translation>Playbooks bearbeiten, anlegen und löschen</translation>
    </message>
    <message>
        <source>&amp;Import playbook…</source>
        <translation>Playbook &amp;importieren …</translation>
    </message>
    <message>
        <source>Add a playbook file to your playbooks</source>
        <translation>Eine Playbook-Datei zu Ihren Playbooks hinzufügen</translation>
    </message>
    <message>
        <source>E&amp;xport playbook…</source>
        <translation>Playbook e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Save a playbook as a file to share</source>
        <translation>Ein Playbook als Datei zum Weitergeben speichern</translation>
    </message>
    <message>
        <source>&amp;Default for new calls</source>
        <translation>&amp;Standard für neue Gespräche</translation>
    </message>
    <message>
        <source>New calls now start with “%1”.</source>
        <translation>Neue Gespräche beginnen jetzt mit „%1“.</translation>
    </message>
    <message>
        <source>Imported %1: choose it when you start a call.</source>
        <translation>%1 importiert: beim Start eines Gesprächs auswählbar.</translation>
    </message>
    <message>
        <source>Export a playbook</source>
        <translation>Ein Playbook exportieren</translation>
    </message>
    <message>
        <source>Playbook:</source>
        <translation>Playbook:</translation>
    </message>
    <message>
        <source>Exported %1 to %2.</source>
        <translation>%1 nach %2 exportiert.</translation>
    </message>
</context>
<context>
    <name>PlaybookTreeModel</name>
    <message>
        <source>Name, version and qualification</source>
        <extracomment>A node&apos;s values changed (the form showing it refreshes). The validator&apos;s verdict changed (after any edit, undo or redo). An undo or redo touched this node: the editor shows it.</extracomment>
        <translation>Name, Version und Qualifizierung</translation>
    </message>
    <message numerus="yes">
        <source>Stages (%n)</source>
        <translation>
            <numerusform>Phasen (%n)</numerusform>
            <numerusform>Phasen (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checklist (%n)</source>
        <translation>
            <numerusform>Checkliste (%n)</numerusform>
            <numerusform>Checkliste (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Questions (%n)</source>
        <translation>
            <numerusform>Fragen (%n)</numerusform>
            <numerusform>Fragen (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Objections (%n)</source>
        <translation>
            <numerusform>Einwände (%n)</numerusform>
            <numerusform>Einwände (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Closing techniques (%n)</source>
        <translation>
            <numerusform>Abschlusstechniken (%n)</numerusform>
            <numerusform>Abschlusstechniken (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>typing in “%1”</source>
        <translation>Eingabe in „%1“</translation>
    </message>
    <message>
        <source>typing</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>renaming “%1”</source>
        <translation>„%1“ umbenennen</translation>
    </message>
    <message>
        <source>adding a %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>deleting “%1”</source>
        <translation>„%1“ löschen</translation>
    </message>
    <message>
        <source>moving “%1”</source>
        <translation>„%1“ verschieben</translation>
    </message>
    <message>
        <source>New stage</source>
        <translation>Neue Phase</translation>
    </message>
    <message>
        <source>New checklist item</source>
        <translation>Neuer Checklistenpunkt</translation>
    </message>
    <message>
        <source>New question?</source>
        <translation>Neue Frage?</translation>
    </message>
    <message>
        <source>New objection</source>
        <translation>Neuer Einwand</translation>
    </message>
    <message>
        <source>New closing technique</source>
        <translation>Neue Abschlusstechnik</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>checklist item</source>
        <translation>Checklistenpunkt</translation>
    </message>
    <message>
        <source>question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>objection</source>
        <translation>Einwand</translation>
    </message>
    <message>
        <source>closing technique</source>
        <translation>Abschlusstechnik</translation>
    </message>
</context>
<context>
    <name>PrefsDialog</name>
    <message>
        <source>Sidebar settings</source>
        <translation>Einstellungen der Seitenleiste</translation>
    </message>
    <message>
        <source>Ending a call needs</source>
        <translation>Zum Beenden eines Gesprächs nötig</translation>
    </message>
    <message>
        <source>Require %1 to end a call</source>
        <translation>Zum Beenden eines Gesprächs verlangen: %1</translation>
    </message>
    <message>
        <source>During the call</source>
        <translation>Während des Gesprächs</translation>
    </message>
    <message>
        <source>&amp;Live cues: show an objection&apos;s lines when the notes mention it</source>
        <translation>&amp;Live-Hinweise: die Sätze zu einem Einwand zeigen, wenn die Notizen ihn erwähnen</translation>
    </message>
    <message>
        <source>&amp;Remind me at a stage change when qualification is incomplete</source>
        <translation>Beim Phasenwechsel &amp;erinnern, wenn die Qualifizierung unvollständig ist</translation>
    </message>
    <message>
        <source>Compact strip</source>
        <translation>Kompaktleiste</translation>
    </message>
    <message>
        <source>Compact strip opacity</source>
        <translation>Deckkraft der Kompaktleiste</translation>
    </message>
    <message>
        <source>&amp;Opacity</source>
        <translation>&amp;Deckkraft</translation>
    </message>
    <message>
        <source>Left edge of the screen</source>
        <translation>Linker Bildschirmrand</translation>
    </message>
    <message>
        <source>Right edge of the screen</source>
        <translation>Rechter Bildschirmrand</translation>
    </message>
    <message>
        <source>Screen edge for the compact strip</source>
        <translation>Bildschirmrand für die Kompaktleiste</translation>
    </message>
    <message>
        <source>&amp;Edge</source>
        <translation>&amp;Rand</translation>
    </message>
    <message>
        <source>Screen sharing</source>
        <translation>Bildschirmfreigabe</translation>
    </message>
    <message>
        <source>&amp;Hide SalesDesk from screen sharing and recordings</source>
        <translation>SalesDesk bei Bildschirmfreigabe und Aufnahmen &amp;ausblenden</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>&amp;Colours</source>
        <translation>&amp;Farben</translation>
    </message>
</context>
<context>
    <name>QualificationPanel</name>
    <message>
        <source>Qualification score</source>
        <translation>Stand der Qualifizierung</translation>
    </message>
    <message>
        <source>Amount or range, e.g. 40k–60k</source>
        <translation>Betrag oder Spanne, z. B. 40k–60k</translation>
    </message>
    <message>
        <source>Budget amount or range</source>
        <translation>Budget: Betrag oder Spanne</translation>
    </message>
    <message>
        <source>Cur.</source>
        <translation>Währ.</translation>
    </message>
    <message>
        <source>Budget currency</source>
        <translation>Währung des Budgets</translation>
    </message>
    <message>
        <source>Budget as understood</source>
        <translation>Budget, wie verstanden</translation>
    </message>
    <message>
        <source>Decision by</source>
        <translation>Entscheidung bis</translation>
    </message>
    <message>
        <source>Decision date is known</source>
        <translation>Entscheidungsdatum ist bekannt</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Entscheidungsdatum</translation>
    </message>
    <message>
        <source>Decision-maker&apos;s name</source>
        <translation>Name des Entscheiders</translation>
    </message>
    <message>
        <source>Role, e.g. COO</source>
        <translation>Rolle, z. B. COO</translation>
    </message>
    <message>
        <source>Decision-maker&apos;s role</source>
        <translation>Rolle des Entscheiders</translation>
    </message>
    <message>
        <source>What they said…</source>
        <translation>Was gesagt wurde …</translation>
    </message>
    <message>
        <source>Notes…</source>
        <translation>Notizen …</translation>
    </message>
    <message>
        <source>%1 notes</source>
        <translation>Notizen zu %1</translation>
    </message>
    <message>
        <source>Understood: %1</source>
        <translation>Verstanden: %1</translation>
    </message>
    <message>
        <source>%1 of %2 known · still unknown: %3</source>
        <translation>%1 von %2 bekannt · noch offen: %3</translation>
    </message>
    <message>
        <source>All %1 known: qualified.</source>
        <translation>Alle %1 bekannt: qualifiziert.</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Restore the backup of %1</source>
        <translation>Sicherung vom %1 &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>Start with an &amp;empty database</source>
        <translation>Mit einer &amp;leeren Datenbank beginnen</translation>
    </message>
    <message>
        <source>&amp;Back to the call (decide later)</source>
        <translation>&amp;Zurück zum Gespräch (später entscheiden)</translation>
    </message>
    <message>
        <source>This copy of %1 is older than the one that last used your data. Install the newer version to keep working with it. Nothing was changed.</source>
        <translation>Diese Kopie von %1 ist älter als die, die Ihre Daten zuletzt verwendet hat. Installieren Sie die neuere Version, um damit weiterzuarbeiten. Es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>%1 cannot use its database.</source>
        <translation>%1 kann seine Datenbank nicht verwenden.</translation>
    </message>
    <message>
        <source>Whatever you choose, the file is not deleted: it is renamed to “%1” in the same folder, so it can still be examined or rescued later.</source>
        <translation>Was Sie auch wählen, die Datei wird nicht gelöscht: Sie wird im selben Ordner in „%1“ umbenannt, damit sie sich später noch untersuchen oder retten lässt.</translation>
    </message>
    <message>
        <source>The newest backup that checks out is from %1.</source>
        <translation>Die neueste einwandfreie Sicherung ist vom %1.</translation>
    </message>
    <message>
        <source>There is no usable backup to restore.</source>
        <translation>Es gibt keine brauchbare Sicherung zum Wiederherstellen.</translation>
    </message>
    <message>
        <source>%1: problem with the database</source>
        <translation>%1: Problem mit der Datenbank</translation>
    </message>
    <message>
        <source>The unusable file is kept as %1.</source>
        <translation>Die unbrauchbare Datei bleibt als %1 erhalten.</translation>
    </message>
    <message>
        <source>Restored the backup %1.</source>
        <translation>Sicherung %1 wiederhergestellt.</translation>
    </message>
    <message>
        <source>Started with an empty database.</source>
        <translation>Mit einer leeren Datenbank begonnen.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>daily</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>von Hand erstellt</translation>
    </message>
    <message>
        <source>before upgrading to schema %1</source>
        <translation>vor dem Update auf Schema %1</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Pick the copy to go back to. The database in use now is not deleted: it is renamed (“…before-restore-&lt;date&gt;”) in the data folder. A call you have open is reopened from the copy.</source>
        <translation>Wählen Sie den Stand, zu dem Sie zurückkehren möchten. Die aktuelle Datenbank wird nicht gelöscht, sondern im Datenordner umbenannt („…before-restore-&lt;Datum&gt;“). Ein offenes Gespräch wird aus der Kopie wieder geöffnet.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>There are no backups yet.</source>
        <translation>Es gibt noch keine Sicherungen.</translation>
    </message>
    <message>
        <source>Choose another &amp;file…</source>
        <translation>Andere &amp;Datei wählen …</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Restore from file</source>
        <translation>Aus Datei wiederherstellen</translation>
    </message>
    <message>
        <source>SalesDesk databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>SalesDesk-Datenbanken (*.sqlite3 *.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Jetzt sichern</translation>
    </message>
    <message>
        <source>Copy the database into the backups folder now</source>
        <translation>Die Datenbank jetzt in den Sicherungsordner kopieren</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>Aus Sicherung &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>Replace the database with one of its backups (the current one is kept)</source>
        <translation>Die Datenbank durch eine ihrer Sicherungen ersetzen (die aktuelle bleibt erhalten)</translation>
    </message>
    <message>
        <source>SalesDesk keeps trying.</source>
        <translation>SalesDesk versucht es weiter.</translation>
    </message>
    <message>
        <source>The database is open again: everything you do is saved.</source>
        <translation>Die Datenbank ist wieder offen: alles, was Sie tun, wird gespeichert.</translation>
    </message>
    <message>
        <source>Choose what to do…</source>
        <translation>Wählen, was geschehen soll …</translation>
    </message>
    <message>
        <source>The database was written by a newer SalesDesk: this one writes nothing to it.</source>
        <translation>Die Datenbank wurde von einem neueren SalesDesk geschrieben: Dieses schreibt nichts hinein.</translation>
    </message>
    <message>
        <source>SalesDesk found damage in its database and writes nothing more to it.</source>
        <translation>SalesDesk hat Schäden in seiner Datenbank gefunden und schreibt nichts mehr hinein.</translation>
    </message>
    <message>
        <source>Go on with the call: what you type is kept in a text copy.</source>
        <translation>Führen Sie das Gespräch weiter: Was Sie eingeben, wird in einer Textkopie aufbewahrt.</translation>
    </message>
    <message>
        <source>Recovery failed</source>
        <translation>Wiederherstellung fehlgeschlagen</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>Die Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Backed up: %1</source>
        <translation>Gesichert: %1</translation>
    </message>
    <message>
        <source>Something in the data folder is not as it should be, and SalesDesk could not change it (other users may be able to read it, or it is left over from an interrupted run):</source>
        <translation>Im Datenordner ist etwas nicht, wie es sein sollte, und SalesDesk konnte es nicht ändern (andere Benutzer können es vielleicht lesen, oder es ist von einem unterbrochenen Lauf übrig):</translation>
    </message>
    <message>
        <source>Data folder made private (fixed: %1).</source>
        <translation>Datenordner ist jetzt privat (geändert: %1).</translation>
    </message>
    <message>
        <source>Some changes could not be written to the database yet. Restoring replaces the database, so they would not be saved there.</source>
        <translation>Einige Änderungen konnten noch nicht in die Datenbank geschrieben werden. Die Wiederherstellung ersetzt die Datenbank, daher würden sie dort nicht gespeichert.</translation>
    </message>
    <message>
        <source>Changes not saved yet</source>
        <translation>Änderungen noch nicht gespeichert</translation>
    </message>
    <message>
        <source>Restore anyway?</source>
        <translation>Trotzdem wiederherstellen?</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Nicht wiederhergestellt</translation>
    </message>
    <message>
        <source>Restored %1.</source>
        <translation>%1 wiederhergestellt.</translation>
    </message>
    <message>
        <source>The database you had is kept as %1.</source>
        <translation>Ihre bisherige Datenbank bleibt als %1 erhalten.</translation>
    </message>
    <message>
        <source>Some changes could not be written to the database yet (see the message at the top). If you quit now they are not in the database.</source>
        <translation>Einige Änderungen konnten noch nicht in die Datenbank geschrieben werden (siehe die Meldung oben). Wenn Sie jetzt beenden, fehlen sie in der Datenbank.</translation>
    </message>
    <message>
        <source>Quit anyway?</source>
        <translation>Trotzdem beenden?</translation>
    </message>
    <message>
        <source>A copy of this call as text was written to %1.</source>
        <translation>Eine Textkopie dieses Gesprächs wurde in %1 geschrieben.</translation>
    </message>
</context>
<context>
    <name>ScopeBox</name>
    <message>
        <source>Whose calls</source>
        <translation>Wessen Gespräche</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Search all calls: notes, answers, objections, contacts, companies…</source>
        <translation>Alle Gespräche durchsuchen: Notizen, Antworten, Einwände, Kontakte, Firmen …</translation>
    </message>
    <message>
        <source>Search all calls</source>
        <translation>Alle Gespräche durchsuchen</translation>
    </message>
    <message>
        <source>Type a few letters of any word you remember.</source>
        <translation>Tippen Sie ein paar Buchstaben eines Wortes, an das Sie sich erinnern.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>Team server not reachable; your own calls are under Mine.</source>
        <translation>Team-Server nicht erreichbar; Ihre eigenen Gespräche finden Sie unter „Meine“.</translation>
    </message>
    <message>
        <source>No call mentions “%1”.</source>
        <translation>Kein Gespräch erwähnt „%1“.</translation>
    </message>
    <message>
        <source>More than %1 calls match: the %2 newest are shown. Add a word to narrow it down; fewer matches are ranked best first.</source>
        <translation>Mehr als %1 Gespräche passen: die %2 neuesten werden gezeigt. Fügen Sie ein Wort hinzu, um einzugrenzen; weniger Treffer werden nach Relevanz sortiert.</translation>
    </message>
    <message>
        <source>The best %1 of %2 matching calls.</source>
        <translation>Die besten %1 von %2 passenden Gesprächen.</translation>
    </message>
    <message numerus="yes">
        <source>%n matching call(s), best first.</source>
        <translation>
            <numerusform>%n passendes Gespräch, bestes zuerst.</numerusform>
            <numerusform>%n passende Gespräche, beste zuerst.</numerusform>
        </translation>
    </message>
    <message>
        <source>Team calls are listed here; open your own under Mine.</source>
        <translation>Team-Gespräche werden hier nur aufgelistet; Ihre eigenen öffnen Sie unter „Meine“.</translation>
    </message>
</context>
<context>
    <name>SidebarWindow</name>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Gespräch</translation>
    </message>
    <message>
        <source>&amp;Stage</source>
        <translation>&amp;Phase</translation>
    </message>
    <message>
        <source>&amp;Objection</source>
        <translation>&amp;Einwand</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;New call…</source>
        <translation>&amp;Neues Gespräch …</translation>
    </message>
    <message>
        <source>Start a call with a new or known contact</source>
        <translation>Ein Gespräch mit einem neuen oder bekannten Kontakt beginnen</translation>
    </message>
    <message>
        <source>&amp;End call…</source>
        <translation>Gespräch b&amp;eenden …</translation>
    </message>
    <message>
        <source>End the call and record its outcome</source>
        <translation>Das Gespräch beenden und sein Ergebnis erfassen</translation>
    </message>
    <message>
        <source>&amp;Next stage</source>
        <translation>&amp;Nächste Phase</translation>
    </message>
    <message>
        <source>&amp;Previous stage</source>
        <translation>&amp;Vorige Phase</translation>
    </message>
    <message>
        <source>&amp;Tick next item</source>
        <translation>Nächsten Punkt &amp;abhaken</translation>
    </message>
    <message>
        <source>Tick the next open checklist item</source>
        <translation>Den nächsten offenen Punkt der Checkliste abhaken</translation>
    </message>
    <message>
        <source>Stage %1</source>
        <translation>Phase %1</translation>
    </message>
    <message>
        <source>&amp;Find objection</source>
        <translation>Einwand &amp;suchen</translation>
    </message>
    <message>
        <source>Search objections</source>
        <translation>Einwände durchsuchen</translation>
    </message>
    <message>
        <source>Log &amp;raised</source>
        <translation>Als &amp;genannt erfassen</translation>
    </message>
    <message>
        <source>Log the selected objection as raised</source>
        <translation>Den gewählten Einwand als genannt erfassen</translation>
    </message>
    <message>
        <source>Mark &amp;handled</source>
        <translation>Als &amp;behandelt markieren</translation>
    </message>
    <message>
        <source>Mark the selected objection handled</source>
        <translation>Den gewählten Einwand als behandelt markieren</translation>
    </message>
    <message>
        <source>Remo&amp;ve logged objection</source>
        <translation>Erfassten Einwand &amp;entfernen</translation>
    </message>
    <message>
        <source>Remove the selected entry of this call&apos;s objection log</source>
        <translation>Den gewählten Eintrag aus den erfassten Einwänden dieses Gesprächs entfernen</translation>
    </message>
    <message>
        <source>Mer&amp;ge duplicate entries</source>
        <translation>Doppelte Einträge &amp;zusammenführen</translation>
    </message>
    <message>
        <source>Merge the entries of the selected objection into one</source>
        <translation>Die Einträge des gewählten Einwands zu einem zusammenführen</translation>
    </message>
    <message>
        <source>&amp;Undo objection change</source>
        <translation>Einwand-Änderung &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Bring back the objection entries last removed or merged</source>
        <translation>Die zuletzt entfernten oder zusammengeführten Einwand-Einträge zurückholen</translation>
    </message>
    <message>
        <source>Write a &amp;note</source>
        <translation>&amp;Notiz schreiben</translation>
    </message>
    <message>
        <source>Jump to the note editor</source>
        <translation>Zum Notizfeld springen</translation>
    </message>
    <message>
        <source>Always on &amp;top</source>
        <translation>Immer im &amp;Vordergrund</translation>
    </message>
    <message>
        <source>Keep the sidebar above the video call</source>
        <translation>Die Seitenleiste über dem Videocall halten</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Qualify</source>
        <comment>tab</comment>
        <translation>&amp;Eckdaten</translation>
    </message>
    <message>
        <source>Undo removing “%1”</source>
        <translation>Entfernen von „%1“ rückgängig machen</translation>
    </message>
    <message>
        <source>Undo merging “%1”</source>
        <translation>Zusammenführen von „%1“ rückgängig machen</translation>
    </message>
    <message>
        <source>&amp;Qualify</source>
        <translation>&amp;Qualifizieren</translation>
    </message>
    <message>
        <source>“%1” is back in the objection log.</source>
        <translation>„%1“ ist wieder bei den erfassten Einwänden.</translation>
    </message>
    <message>
        <source>O&amp;bjections</source>
        <translation>Ein&amp;wände</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Ab&amp;schluss</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message numerus="yes">
        <source>%n playbook file(s) could not be loaded; new calls use “%1”.</source>
        <translation>
            <numerusform>%n Playbook-Datei konnte nicht geladen werden; neue Gespräche verwenden „%1“.</numerusform>
            <numerusform>%n Playbook-Dateien konnten nicht geladen werden; neue Gespräche verwenden „%1“.</numerusform>
        </translation>
    </message>
    <message>
        <source>Qualification is not complete: %1 still unknown. Worth asking before you go on.</source>
        <translation>Die Qualifizierung ist unvollständig, noch offen: %1. Fragen Sie am besten nach, bevor Sie weitermachen.</translation>
    </message>
    <message>
        <source>Open the Qualify tab at the first unknown field</source>
        <translation>Den Reiter „Eckdaten“ beim ersten offenen Feld öffnen</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Alle Änderungen gespeichert</translation>
    </message>
    <message>
        <source>Saving works again: everything you typed is stored.</source>
        <translation>Speichern klappt wieder: alles, was Sie getippt haben, ist gesichert.</translation>
    </message>
    <message>
        <source>A call is running</source>
        <translation>Ein Gespräch läuft</translation>
    </message>
    <message>
        <source>End the call with %1 first?</source>
        <translation>Zuerst das Gespräch mit %1 beenden?</translation>
    </message>
    <message>
        <source>Call not started</source>
        <translation>Gespräch nicht begonnen</translation>
    </message>
    <message>
        <source>Call with %1 ended: %2.</source>
        <translation>Gespräch mit %1 beendet: %2.</translation>
    </message>
    <message>
        <source>no outcome recorded</source>
        <translation>kein Ergebnis erfasst</translation>
    </message>
    <message>
        <source>Next: %1.</source>
        <translation>Als Nächstes: %1.</translation>
    </message>
    <message>
        <source>Pick an objection first (Ctrl+F to search).</source>
        <translation>Wählen Sie zuerst einen Einwand (Strg+F zum Suchen).</translation>
    </message>
</context>
<context>
    <name>StagePanel</name>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>Antwort …</translation>
    </message>
</context>
<context>
    <name>StageTimer</name>
    <message>
        <source>Time in stage</source>
        <translation>Zeit in der Phase</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>Phase %1</translation>
    </message>
    <message numerus="yes">
        <source>Past the %n minute(s) planned for %1: time to move on?</source>
        <translation>
            <numerusform>Die für %1 geplante %n Minute ist um: Zeit weiterzugehen?</numerusform>
            <numerusform>Die für %1 geplanten %n Minuten sind um: Zeit weiterzugehen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n minute(s) planned</source>
        <translation>
            <numerusform>%1: %n Minute geplant</numerusform>
            <numerusform>%1: %n Minuten geplant</numerusform>
        </translation>
    </message>
    <message>
        <source>Time in %1</source>
        <translation>Zeit in %1</translation>
    </message>
</context>
<context>
    <name>StartCallDialog</name>
    <message>
        <source>Start a call</source>
        <extracomment>File name endings of the vCards the dialog takes (a button, or dropped onto it).</extracomment>
        <translation>Gespräch beginnen</translation>
    </message>
    <message>
        <source>Who are you talking to?</source>
        <translation>Mit wem sprechen Sie?</translation>
    </message>
    <message>
        <source>From a &amp;vCard…</source>
        <translation>Aus einer &amp;vCard…</translation>
    </message>
    <message>
        <source>Fill in the contact from a .vcf file (or drop one onto this dialog)</source>
        <translation>Den Kontakt aus einer .vcf-Datei ausfüllen (oder eine auf diesen Dialog ziehen)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation>&amp;Firma</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <source>Play&amp;book</source>
        <translation>Play&amp;book</translation>
    </message>
    <message>
        <source>Start call</source>
        <translation>Gespräch beginnen</translation>
    </message>
    <message>
        <source>Contact from a vCard</source>
        <translation>Kontakt aus einer vCard</translation>
    </message>
    <message>
        <source>vCard (*.vcf *.vcard);;All files (*)</source>
        <translation>vCard (*.vcf *.vcard);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No contact read: %1</source>
        <translation>Kein Kontakt gelesen: %1</translation>
    </message>
    <message>
        <source>Filled in from %1.</source>
        <translation>Aus %1 ausgefüllt.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>Geben Sie den Namen des Kontakts ein.</translation>
    </message>
    <message>
        <source>That e-mail address has no @.</source>
        <translation>Dieser E-Mail-Adresse fehlt das @.</translation>
    </message>
    <message>
        <source>Known contact: their details are filled in.</source>
        <translation>Bekannter Kontakt: die Angaben sind eingetragen.</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Your team URL, as your admin gave it to you</source>
        <translation>Ihre Team-URL, wie Ihr Admin sie Ihnen gegeben hat</translation>
    </message>
    <message>
        <source>&amp;Join…</source>
        <translation>&amp;Beitreten…</translation>
    </message>
    <message>
        <source>Team URL:</source>
        <translation>Team-URL:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>You:</source>
        <translation>Sie:</translation>
    </message>
    <message>
        <source>Waiting:</source>
        <translation>Wartend:</translation>
    </message>
    <message>
        <source>Last push:</source>
        <translation>Zuletzt gesendet:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Letzter Fehler:</translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation>&amp;Jetzt senden</translation>
    </message>
    <message>
        <source>&amp;Leave team</source>
        <translation>Team &amp;verlassen</translation>
    </message>
    <message>
        <source>Enter &amp;password…</source>
        <translation>&amp;Passwort eingeben…</translation>
    </message>
    <message>
        <source>Type the team password again (after your admin changed it)</source>
        <translation>Das Team-Passwort erneut eingeben (nachdem Ihr Admin es geändert hat)</translation>
    </message>
    <message>
        <source>Your calls are sent to the team server as you work; the sidebar never waits for it. Your teammates see your calls; you see theirs.</source>
        <translation>Ihre Gespräche gehen während der Arbeit an den Team-Server; die Seitenleiste wartet nie auf ihn. Ihr Team sieht Ihre Gespräche, Sie sehen die des Teams.</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n Gespräch</numerusform>
            <numerusform>%n Gespräche</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Join your team&apos;s server to share your calls and get the team&apos;s playbooks. Your calls stay on this computer too, and the sidebar works without the server.</source>
        <translation>Treten Sie dem Server Ihres Teams bei, um Ihre Gespräche zu teilen und die Playbooks des Teams zu erhalten. Ihre Gespräche bleiben auch auf diesem Computer, und die Seitenleiste arbeitet ohne den Server.</translation>
    </message>
    <message>
        <source>Enter the team URL your admin gave you.</source>
        <translation>Geben Sie die Team-URL ein, die Ihr Admin Ihnen gegeben hat.</translation>
    </message>
    <message>
        <source>Team password</source>
        <translation>Team-Passwort</translation>
    </message>
    <message>
        <source>The team server refused the stored password (your admin may have changed it). Password:</source>
        <translation>Der Team-Server hat das gespeicherte Passwort abgelehnt (vielleicht hat Ihr Admin es geändert). Passwort:</translation>
    </message>
    <message>
        <source>Password for this team login:</source>
        <translation>Passwort für diese Team-Anmeldung:</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Send your calls to the team?</source>
        <translation>Ihre Gespräche an das Team senden?</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) on this computer will be sent to the team server. Join?</source>
        <translation>
            <numerusform>%n Gespräch auf diesem Computer wird an den Team-Server gesendet. Beitreten?</numerusform>
            <numerusform>%n Gespräche auf diesem Computer werden an den Team-Server gesendet. Beitreten?</numerusform>
        </translation>
    </message>
    <message>
        <source>Not joined; nothing was sent.</source>
        <translation>Nicht beigetreten; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Could not keep the team settings: %1</source>
        <translation>Die Team-Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Leave the team?</source>
        <translation>Das Team verlassen?</translation>
    </message>
    <message>
        <source>Your calls stay on this computer, and those already sent stay on the team server. Nothing more is sent.</source>
        <translation>Ihre Gespräche bleiben auf diesem Computer, und die schon gesendeten bleiben auf dem Team-Server. Es wird nichts mehr gesendet.</translation>
    </message>
</context>
<context>
    <name>TeamMenu</name>
    <message>
        <source>&amp;Team…</source>
        <translation>&amp;Team…</translation>
    </message>
    <message>
        <source>Join a team server, see what is waiting for it, leave</source>
        <translation>Einem Team-Server beitreten, sehen, was auf ihn wartet, austreten</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message>
        <source>Team: connecting…</source>
        <extracomment>A SyncStatus from the worker&apos;s thread, delivered on the UI thread (queued). Names of team playbooks pulled with a new version (worker thread -&gt; UI thread).</extracomment>
        <translation>Team: verbinde…</translation>
    </message>
    <message numerus="yes">
        <source>Team: offline, %n call(s) waiting</source>
        <translation>
            <numerusform>Team: offline, %n Gespräch wartet</numerusform>
            <numerusform>Team: offline, %n Gespräche warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Team: offline</source>
        <translation>Team: offline</translation>
    </message>
    <message>
        <source>Team: password needed (Tools ▸ Team…)</source>
        <translation>Team: Passwort nötig (Extras ▸ Team…)</translation>
    </message>
    <message>
        <source>Team: not syncing (see Tools ▸ Team…)</source>
        <translation>Team: keine Synchronisierung (siehe Extras ▸ Team…)</translation>
    </message>
    <message numerus="yes">
        <source>Team: sending %n call(s)…</source>
        <translation>
            <numerusform>Team: sende %n Gespräch…</numerusform>
            <numerusform>Team: sende %n Gespräche…</numerusform>
        </translation>
    </message>
    <message>
        <source>Team: up to date</source>
        <translation>Team: aktuell</translation>
    </message>
    <message>
        <source>New team playbook: %1. New calls can use it; a running call keeps its own.</source>
        <translation>Neues Team-Playbook: %1. Neue Gespräche können es nutzen; ein laufendes Gespräch behält seines.</translation>
    </message>
    <message>
        <source>Could not keep the team password: %1</source>
        <translation>Das Team-Passwort konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>&amp;Start call</source>
        <translation>Gespräch be&amp;ginnen</translation>
    </message>
    <message>
        <source>S&amp;how SalesDesk</source>
        <translation>SalesDesk &amp;zeigen</translation>
    </message>
    <message>
        <source>SalesDesk: call with %1</source>
        <translation>SalesDesk: Gespräch mit %1</translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>No calls in this range.</source>
        <extracomment>Colours for well-known outcomes, so &quot;Won&quot; is the same green in every chart.</extracomment>
        <translation>Keine Gespräche in diesem Zeitraum.</translation>
    </message>
</context>
</TS>
