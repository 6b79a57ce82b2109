import Diffing
import Testing

@testable import Changes

@Suite("edit formats")
struct EditParserTests {
    private func text(_ lines: [PatchLine], _ kind: PatchLine.Kind) -> [String] {
        lines.filter { $0.kind == kind }.map { String(decoding: $0.text, as: UTF8.self) }
    }

    @Test("a fenced git diff with a/ b/ prefixes between prose")
    func fencedUnifiedDiff() throws {
        let proposal = EditParser.parse(
            """
            Here is the fix:

            ```diff
            diff --git a/src/app.ts b/src/app.ts
            --- a/src/app.ts
            +++ b/src/app.ts
            @@ -2,3 +2,3 @@ function main() {
               const a = 1;
            -  const b = 2;
            +  const b = 3;
               return a + b;
            ```

            That should do it.
            """)
        #expect(proposal.diagnostics.isEmpty, "\(proposal.diagnostics)")
        let edit = try #require(proposal.edits.first)
        #expect(edit.path == "src/app.ts")
        #expect(edit.source.format == .unifiedDiff)
        #expect(edit.hunks.count == 1)
        #expect(edit.hunks[0].expectedLine == 1)
        #expect(self.text(edit.hunks[0].lines, .addition) == ["  const b = 3;"])
        #expect(edit.hunks[0].sourceLine == 7)
    }

    @Test("a plain diff without prefixes keeps the paths as written")
    func unprefixedDiff() throws {
        let proposal = EditParser.parse("--- lib/x.py\n+++ lib/x.py\n@@ -1 +1 @@\n-a\n+b\n")
        #expect(proposal.edits.map(\.path) == ["lib/x.py"])
    }

    @Test("SEARCH/REPLACE blocks take the path from the line before their fence and keep common lines as context")
    func searchReplace() throws {
        let proposal = EditParser.parse(
            """
            src/math.swift
            ```swift
            <<<<<<< SEARCH
            func add(_ a: Int, _ b: Int) -> Int {
                a - b
            }
            =======
            func add(_ a: Int, _ b: Int) -> Int {
                a + b
            }
            >>>>>>> REPLACE
            <<<<<<< SEARCH
            let zero = 1
            =======
            let zero = 0
            >>>>>>> REPLACE
            ```
            """)
        #expect(proposal.diagnostics.isEmpty, "\(proposal.diagnostics)")
        #expect(proposal.edits.count == 2)
        #expect(proposal.edits.allSatisfy { $0.path == "src/math.swift" })
        let first = proposal.edits[0].hunks[0]
        #expect(first.requireUnique)
        #expect(first.expectedLine == nil)
        #expect(self.text(first.lines, .context) == ["func add(_ a: Int, _ b: Int) -> Int {", "}"])
        #expect(self.text(first.lines, .deletion) == ["    a - b"])
        #expect(proposal.edits[1].source.block == 2)
    }

    @Test("a SEARCH/REPLACE block without its divider is reported with its block number, file and line")
    func searchReplaceMissingDivider() {
        let proposal = EditParser.parse(
            """
            a.txt
            <<<<<<< SEARCH
            one
            >>>>>>> REPLACE

            b.txt
            <<<<<<< SEARCH
            two
            =======
            three
            """)
        #expect(proposal.edits.isEmpty)
        let errors = proposal.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 2)
        #expect(errors[0].line == 2 && errors[0].path == "a.txt")
        #expect(errors[0].block == "SEARCH/REPLACE block 1 (line 2)")
        #expect(errors[0].message.contains("missing '======='"))
        #expect(errors[0].message.contains("found '>>>>>>> REPLACE' at line 4"))
        #expect(errors[1].line == 7 && errors[1].path == "b.txt")
        #expect(errors[1].message.contains("missing '>>>>>>> REPLACE'"))
    }

    @Test("a SEARCH/REPLACE block with no path before it is an error, not dropped")
    func searchReplaceWithoutPath() {
        let proposal = EditParser.parse("Change this:\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n")
        #expect(proposal.edits.isEmpty)
        #expect(proposal.diagnostics.first?.severity == .error)
        #expect(proposal.diagnostics.first?.message.contains("no file path") == true)
    }

    @Test("the apply_patch envelope: add, update with move and anchors, end of file, delete")
    func applyPatchEnvelope() throws {
        let proposal = EditParser.parse(
            """
            *** Begin Patch
            *** Add File: docs/new.md
            +# Title
            +text
            *** Update File: src/old.py
            *** Move to: src/new.py
            @@ class Greeter:
            @@     def hello(self):
            -        return "hi"
            +        return "hello"
            @@
             last = True
            +more = False
            *** End of File
            *** Delete File: src/dead.py
            *** End Patch
            """)
        #expect(proposal.diagnostics.isEmpty, "\(proposal.diagnostics)")
        #expect(proposal.edits.map(\.path) == ["docs/new.md", "src/new.py", "src/dead.py"])
        #expect(proposal.edits[0].action == .create)
        #expect(proposal.edits[0].content == Array("# Title\ntext\n".utf8))
        let update = proposal.edits[1]
        #expect(update.renamedFrom == "src/old.py")
        #expect(update.hunks.count == 2)
        #expect(
            update.hunks[0].anchors.map { String(decoding: $0, as: UTF8.self) } == [
                "class Greeter:", "    def hello(self):",
            ])
        #expect(update.hunks[1].atEndOfFile)
        #expect(proposal.edits[2].action == .delete)
    }

    @Test("an envelope without End Patch and with a bad line reports both")
    func brokenEnvelope() {
        let proposal = EditParser.parse(
            """
            *** Begin Patch
            *** Update File: a.py
            @@
            -x
            *y
            """)
        let errors = proposal.diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.line == 5 && $0.path == "a.py" && $0.message.contains("starts with none of") })
        #expect(errors.contains { $0.line == 1 && $0.message.contains("not closed by '*** End Patch'") })
    }

    @Test("whole-file blocks take their path from the line before or from the info string")
    func wholeFile() {
        let proposal = EditParser.parse(
            """
            **src/config.json**
            ```json
            {"debug": true}
            ```

            ```python:tools/run.py
            print("hi")
            ```

            ```
            just a snippet
            ```
            """)
        #expect(proposal.edits.map(\.path) == ["src/config.json", "tools/run.py"])
        #expect(proposal.edits.allSatisfy { $0.action == .replaceWhole })
        #expect(proposal.edits[0].content == Array("{\"debug\": true}\n".utf8))
        #expect(proposal.diagnostics.count == 1)
        #expect(proposal.diagnostics.first?.severity == .note)
        #expect(proposal.diagnostics.first?.line == 10)
    }

    @Test("a diff whose hunk counts are wrong is recounted with a warning on the hunk's line")
    func recountedDiff() throws {
        let proposal = EditParser.parse("intro\n--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n a\n-b\n+c\n")
        #expect(proposal.edits.count == 1)
        #expect(proposal.edits[0].hunks[0].lines.count == 3)
        #expect(proposal.diagnostics.first?.severity == .warning)
        #expect(proposal.diagnostics.first?.line == 4)
    }
}

extension EditParserTests {
    /// Regression: a context line holding a Markdown fence (a diff of a README) ended the diff
    /// early, leaving the following hunks empty and silently "applied".
    @Test("a diff of a Markdown file with fences in its context lines is read whole")
    func fenceInsideDiffContext() throws {
        let proposal = EditParser.parse(
            """
            --- a/README.md
            +++ b/README.md
            @@ -1,4 +1,4 @@
             Intro
             ```swift
            -let a = 1
            +let a = 2
             ```
            @@ -10,2 +10,2 @@
             text
            -old
            +new

            """)
        #expect(proposal.diagnostics.isEmpty, "\(proposal.diagnostics)")
        #expect(proposal.edits.first?.hunks.count == 2)
        #expect(proposal.edits.first?.hunks.map(\.lines.count) == [5, 3])
    }

    @Test("a lenient hunk with no lines at all is an error, not an empty change")
    func emptyHunkIsAnError() {
        let proposal = EditParser.parse("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\nprose right after the header\n")
        #expect(proposal.edits.isEmpty)
        #expect(proposal.diagnostics.first?.severity == .error)
        #expect(proposal.diagnostics.first?.line == 4)
        #expect(proposal.diagnostics.first?.message.contains("the hunk starting at line 3 ends early") == true)
    }
}
