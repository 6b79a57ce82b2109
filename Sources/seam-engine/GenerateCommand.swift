import Basics
import ChatFormat
import Checkpoint
import DeepSeekV4
import Inference
import Tokenization

/// `seam-engine generate --model DIR (--prompt TEXT | --chat TEXT) …`: streams a completion.
let generateCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-engine generate",
        abstract: "generate text from a prompt or a chat message, streaming it to standard output",
        usage: "--model DIR (--prompt TEXT | --chat TEXT) [--max-tokens N] [--temperature T] [--top-p P] [--top-k K] [--seed S] [--thinking] [--threads N]",
        options: [
            .init("model", value: "DIR", help: "checkpoint directory (config.json, safetensors, tokenizer.json)"),
            .init("prompt", value: "TEXT", help: "raw prompt text (special tokens in it are matched; no BOS is added)"),
            .init("chat", value: "TEXT", help: "one user message, encoded with the DeepSeek-V4 chat format (chat mode)"),
            .init("thinking", help: "with --chat: thinking mode (the reply starts with reasoning)"),
            .init("max-tokens", value: "N", help: "most tokens to generate (default 256)"),
            .init("temperature", value: "T", help: "sampling temperature, 0 = greedy (default 1.0)"),
            .init("top-p", value: "P", help: "nucleus probability (default 1.0)"),
            .init("top-k", value: "K", help: "sample among the K most likely tokens, 0 = all (default 0)"),
            .init("seed", value: "S", help: "seed for reproducible sampling"),
            .init("threads", value: "N", help: "kernel threads (default: all CPUs)"),
        ],
        discussion: "Generation stops at <｜end▁of▁sentence｜>, at --max-tokens, or at a full context. Statistics go to standard error.")
) { arguments in
    let name = "seam-engine generate"
    let directory = try arguments.required("model", "DIR")
    let prompt = arguments.value("prompt")
    let chat = arguments.value("chat")
    guard (prompt == nil) != (chat == nil) else {
        throw UsageError(name, prompt == nil ? "give --prompt TEXT or --chat TEXT" : "give only one of --prompt and --chat")
    }
    if arguments.flag("thinking") && chat == nil { throw UsageError(name, "--thinking needs --chat") }
    let maximumTokens = try arguments.integer("max-tokens", default: 256, in: 1...1_000_000) ?? 256
    var sampling = SamplingParameters(
        temperature: try arguments.double("temperature", default: 1, in: 0...100) ?? 1,
        topP: try arguments.double("top-p", default: 1, in: 0...1) ?? 1,
        topK: try arguments.integer("top-k", default: 0, in: 0...10_000_000) ?? 0)
    if let seed = arguments.value("seed") {
        guard let value = UInt64(seed) else { throw UsageError(name, "--seed must be a non-negative integer, got '\(seed)'") }
        sampling.seed = value
    }
    if let problem = sampling.problem { throw UsageError(name, problem) }
    let threads = try arguments.integer("threads", in: 1...1024)
    let tokenizer = try Tokenizer(modelDirectory: directory)
    let model = try DeepSeekV4Model.load(directory: directory, options: .init(threads: threads))
    let text: String
    if let chat {
        text = ChatEncoder.encode(messages: [.user(chat)], mode: arguments.flag("thinking") ? .thinking : .chat)
    } else {
        text = prompt ?? ""
    }
    let tokens = tokenizer.encode(text)
    guard !tokens.isEmpty else { throw UsageError(name, "the prompt encodes to no tokens") }
    var stopTokens = Set(model.configuration.eosTokenIDs)
    if let eos = tokenizer.eosTokenID { stopTokens.insert(eos) }
    let request = GenerationRequest(
        promptTokens: tokens, maximumTokens: min(maximumTokens, max(1, model.maximumContext - tokens.count)), sampling: sampling,
        stopStrings: chat != nil ? [DeepSeekTokens.user] : [], stopTokens: stopTokens)
    var decoder = tokenizer.makeStreamingDecoder()
    let result = try Generator(model: model).generate(request, cache: model.makeCache(), decoder: &decoder) { event in
        if !event.text.isEmpty { writeStandardOutput(event.text) }
    }
    writeStandardOutput("\n")
    let decodeRate = result.tokens.count > 1 ? Double(result.tokens.count - 1) / max(result.decodeSeconds, 1e-9) : 0
    writeStandardError(
        "[\(result.promptTokens) prompt tokens in \(formatFixed(result.prefillSeconds, 2)) s; \(result.tokens.count) generated, "
            + "\(formatFixed(decodeRate, 1)) tok/s; finished: \(result.finishReason.rawValue)]\n")
    return 0
}
