import TestSupport
import Testing
import Workspace

@Suite("Memory sources", .dedicatedThreads)
struct MemorySourcesTests {
    private func sandbox() throws -> GitSandbox {
        let sandbox = try GitSandbox("mem", initialise: false)
        try sandbox.write("AGENTS.md", "# Root rules\n" + String(repeating: "root line\n", count: 40))
        try sandbox.write("CLAUDE.md", "ignored: AGENTS.md exists here\n")
        try sandbox.write("app/CLAUDE.md", "app rules\n")
        try sandbox.write("app/src/AGENTS.md", "src rules\n")
        try sandbox.write("app/src/main.ts", "x\n")
        return sandbox
    }

    @Test("collects AGENTS.md from the root down, with CLAUDE.md where AGENTS.md is absent")
    func hierarchy() throws {
        let sandbox = try self.sandbox()
        let memory = try MemorySources.collect(in: sandbox.workspace(), directory: "app/src/main.ts")
        #expect(memory.files.map(\.path) == ["AGENTS.md", "app/CLAUDE.md", "app/src/AGENTS.md"])
        #expect(memory.files.map(\.kind) == [.agents, .claude, .agents])
        #expect(memory.files[1].size == 10)
        #expect(!memory.isTruncated)
        #expect(memory.text.contains("<!-- app/CLAUDE.md (10 bytes) -->\napp rules\n"))
        #expect(memory.totalSize == memory.files.reduce(0) { $0 + $1.size })
        let rootOnly = try MemorySources.collect(in: sandbox.workspace(), directory: "")
        #expect(rootOnly.files.map(\.path) == ["AGENTS.md"])
    }

    @Test("the cap truncates the least specific file first, with a marker, and is never exceeded")
    func cap() throws {
        let sandbox = try self.sandbox()
        let workspace = try sandbox.workspace()
        let full = try MemorySources.collect(in: workspace, directory: "app/src")
        let cap = full.byteCount - 150
        let memory = try MemorySources.collect(in: workspace, directory: "app/src", byteCap: cap)
        #expect(memory.byteCount <= cap)
        #expect(memory.files[0].isTruncated)
        #expect(!memory.files[1].isTruncated)
        #expect(!memory.files[2].isTruncated)
        #expect(memory.text.contains("bytes of AGENTS.md omitted by the memory cap"))
        #expect(memory.text.hasPrefix("<!-- AGENTS.md"))
        #expect(memory.text.contains("src rules"))
        // A cap too small for the root file drops it entirely and starts on the next.
        let tight = try MemorySources.collect(in: workspace, directory: "app/src", byteCap: 200)
        #expect(tight.byteCount <= 200)
        #expect(tight.files[0].isOmitted)
        #expect(tight.files[2].includedText == "src rules\n")
    }

    @Test("paths outside the workspace are refused")
    func outside() throws {
        let sandbox = try self.sandbox()
        #expect(throws: WorkspaceError.self) { try MemorySources.collect(in: sandbox.workspace(), directory: "../x") }
    }
}
