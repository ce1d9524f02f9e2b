"""Gateway of the CodeTune Models Space.

One port for everything: proxies the OpenAI-compatible API to vLLM (WhiteRabbitNeo-33B AWQ, streaming
included), serves CodeT5+ on /v1/completions when model == "codet5p" and embeddings on /v1/embeddings,
and answers Hugging Face's loading shape (503 {"error": "Model is currently loading", "estimated_time": N})
until every model is ready, so the CodeTune daemon waits with progress instead of failing.
"""
import asyncio
import os
import time

import httpx
import torch
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from sentence_transformers import SentenceTransformer
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

VLLM = f"http://127.0.0.1:{os.environ.get('VLLM_PORT', '8000')}"
LLM_NAME = os.environ.get("LLM_SERVED_NAME", "whiterabbitneo")
CODET5 = os.environ.get("CODET5_MODEL", "Salesforce/codet5p-770m-py")
EMBED = os.environ.get("EMBEDDING_MODEL", "sentence-transformers/all-MiniLM-L6-v2")
# a cold start (download + load of the 33B AWQ weights) takes about this long on an A100
EXPECTED_START_S = float(os.environ.get("EXPECTED_START_S", "420"))

app = FastAPI(title="CodeTune Models")
started = time.monotonic()
state = {"vllm": False, "codet5": None, "tok": None, "embed": None}
client = httpx.AsyncClient(base_url=VLLM, timeout=httpx.Timeout(600.0, connect=5.0))
device = "cuda" if torch.cuda.is_available() else "cpu"


def loading() -> JSONResponse:
    left = max(5.0, EXPECTED_START_S - (time.monotonic() - started))
    return JSONResponse({"error": "Model is currently loading", "estimated_time": round(left, 1)}, status_code=503)


def ready() -> bool:
    return state["vllm"] and state["codet5"] is not None and state["embed"] is not None


@app.on_event("startup")
async def load_small_models() -> None:
    async def small() -> None:
        tok = await asyncio.to_thread(AutoTokenizer.from_pretrained, CODET5)
        model = await asyncio.to_thread(AutoModelForSeq2SeqLM.from_pretrained, CODET5, torch_dtype=torch.float16)
        state["tok"], state["codet5"] = tok, model.to(device).eval()
        state["embed"] = await asyncio.to_thread(SentenceTransformer, EMBED, device=device)

    async def wait_vllm() -> None:
        while True:
            try:
                if (await client.get("/health")).status_code == 200:
                    state["vllm"] = True
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(2)

    asyncio.create_task(small())
    asyncio.create_task(wait_vllm())


@app.get("/health")
async def health():
    if not ready():
        return loading()
    return {"status": "ok", "models": [LLM_NAME, "codet5p", "minilm"], "uptime_s": round(time.monotonic() - started)}


@app.post("/warmup")
async def warmup():
    if not ready():
        return loading()
    t = time.monotonic()
    await client.post("/v1/chat/completions", json={"model": LLM_NAME, "messages": [{"role": "user", "content": "ping"}], "max_tokens": 1})
    codet5(("def f():", 1))
    state["embed"].encode(["warm"])
    return {"status": "warm", "ms": round((time.monotonic() - t) * 1000)}


@app.get("/v1/models")
async def models():
    return {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "codetune"} for m in (LLM_NAME, "codet5p", "minilm")]}


def codet5(args):
    prompt, max_tokens = args
    tok, model = state["tok"], state["codet5"]
    enc = tok(prompt, return_tensors="pt").to(device)
    with torch.no_grad():
        out = model.generate(**enc, max_new_tokens=max_tokens)
    return tok.decode(out[0], skip_special_tokens=True), int(enc["input_ids"].shape[1]), int(out.shape[1])


@app.post("/v1/completions")
async def completions(request: Request):
    body = await request.json()
    if body.get("model") == "codet5p":
        if state["codet5"] is None:
            return loading()
        text, n_in, n_out = await asyncio.to_thread(codet5, (body.get("prompt", ""), int(body.get("max_tokens") or 128)))
        return {
            "id": f"cmpl-codet5-{int(time.time() * 1000)}",
            "object": "text_completion",
            "created": int(time.time()),
            "model": "codet5p",
            "choices": [{"index": 0, "text": text, "finish_reason": "stop", "logprobs": None}],
            "usage": {"prompt_tokens": n_in, "completion_tokens": n_out, "total_tokens": n_in + n_out},
        }
    return await proxy(request, "/v1/completions", body)


@app.post("/v1/chat/completions")
async def chat(request: Request):
    return await proxy(request, "/v1/chat/completions", await request.json())


@app.post("/v1/embeddings")
async def embeddings(request: Request):
    if state["embed"] is None:
        return loading()
    body = await request.json()
    inputs = body.get("input", [])
    inputs = [inputs] if isinstance(inputs, str) else inputs
    vectors = await asyncio.to_thread(state["embed"].encode, inputs, normalize_embeddings=True)
    n = sum(len(s.split()) for s in inputs)
    return {"object": "list", "model": "minilm", "data": [{"object": "embedding", "index": i, "embedding": v.tolist()} for i, v in enumerate(vectors)], "usage": {"prompt_tokens": n, "total_tokens": n}}


async def proxy(request: Request, path: str, body: dict):
    if not state["vllm"]:
        return loading()
    headers = {"content-type": "application/json"}
    if body.get("stream"):
        req = client.build_request("POST", path, json=body, headers=headers)
        upstream = await client.send(req, stream=True)

        async def relay():
            try:
                async for chunk in upstream.aiter_raw():
                    # the caller went away: stop generating on the GPU
                    if await request.is_disconnected():
                        break
                    yield chunk
            finally:
                await upstream.aclose()

        return StreamingResponse(relay(), status_code=upstream.status_code, media_type="text/event-stream")
    r = await client.post(path, json=body, headers=headers)
    return JSONResponse(r.json(), status_code=r.status_code)
