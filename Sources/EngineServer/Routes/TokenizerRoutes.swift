import ChatFormat
import EngineProtocol
import Tokenization

/// `POST /v1/tokenize` and `POST /v1/detokenize` (vLLM's shapes).
enum TokenizerRoutes {
    static func add(to router: inout Router, service: EngineService) {
        router.add("POST", "/v1/tokenize") { context in
            let request = try context.decodeBody(TokenizeRequest.self)
            try service.checkModel(request.model)
            let (_, runtime) = try service.requireReady()
            let tokenizer = runtime.tokenizer
            let tokens: [Int]
            switch (request.prompt, request.messages) {
            case (let prompt?, nil):
                var ids = tokenizer.encode(prompt)
                if request.addSpecialTokens == true, let bos = tokenizer.bosTokenID { ids.insert(bos, at: 0) }
                tokens = ids
            case (nil, _?):
                let chat = ChatCompletionRequest(
                    model: nil,
                    messages: [],
                    chatTemplateKwargs: request.thinking.map { .object(["thinking": .bool($0)]) }
                )
                tokens = try ChatPrompt.build(body: context.request.body, request: chat, tokenizer: tokenizer).tokens
            case (_?, _?):
                throw ResponseError.badRequest("send either 'prompt' or 'messages', not both", param: "prompt")
            case (nil, nil):
                throw ResponseError.badRequest("missing 'prompt' or 'messages'", param: "prompt")
            }
            try context.writer.sendJSON(TokenizeResponse(tokens: tokens, maxModelLen: service.model.maxContext))
        }
        router.add("POST", "/v1/detokenize") { context in
            let request = try context.decodeBody(DetokenizeRequest.self)
            try service.checkModel(request.model)
            let (_, runtime) = try service.requireReady()
            if let bad = request.tokens.first(where: { !runtime.tokenizer.isValid($0) }) {
                throw ResponseError.badRequest(
                    "token id \(bad) is outside the vocabulary (0..<\(runtime.tokenizer.vocabularySize))",
                    param: "tokens"
                )
            }
            try context.writer.sendJSON(DetokenizeResponse(prompt: runtime.tokenizer.decode(request.tokens)))
        }
    }
}
