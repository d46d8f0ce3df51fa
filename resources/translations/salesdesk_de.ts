<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
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
        <translation>&amp;Werkzeuge</translation>
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
</TS>
