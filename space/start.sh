#!/usr/bin/env bash
# Starts vLLM in the background and the gateway in the foreground. The gateway answers 503 "loading"
# (with an estimated time) until vLLM and the small models are ready, so clients wait instead of failing.
set -euo pipefail

QUANT_ARGS=(--quantization "${QUANTIZATION}")
if [[ "${QUANTIZATION}" == "bitsandbytes" ]]; then
  # NF4 through bitsandbytes: full-precision download, quantized at load; slower than AWQ-Marlin
  QUANT_ARGS+=(--load-format bitsandbytes)
fi

python3 -m vllm.entrypoints.openai.api_server \
  --model "${LLM_MODEL}" \
  --served-model-name "${LLM_SERVED_NAME}" \
  "${QUANT_ARGS[@]}" \
  --max-model-len "${MAX_MODEL_LEN}" \
  --gpu-memory-utilization "${GPU_MEMORY_UTILIZATION}" \
  --host 127.0.0.1 --port "${VLLM_PORT}" \
  --disable-log-requests &
VLLM_PID=$!
trap 'kill ${VLLM_PID} 2>/dev/null || true' EXIT

exec uvicorn app:app --host 0.0.0.0 --port "${PORT}" --timeout-keep-alive 75
