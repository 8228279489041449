// Known providers: where they live, which environment variable holds their key, how they do structured output.

export type ProviderName =
  | 'openai'
  | 'deepseek'
  | 'qwen'
  | 'glm'
  | 'ernie'
  | 'moonshot'
  | 'ollama'
  | 'openai-compatible'
  | 'local';

/**
 * json-schema: native structured output (response_format json_schema, strict);
 * json-object: JSON mode only, the schema goes into the instructions and the answer is validated;
 * format: Ollama's `format` field takes the schema; grammar: node-llama-cpp constrains decoding to the schema.
 */
export type StructuredOutputMode = 'json-schema' | 'json-object' | 'format' | 'grammar';

export interface ProviderInfo {
  /** Default base URL (the OpenAI-compatible endpoint, up to and including /v1 or its equivalent). */
  baseURL: string;
  /** Environment variables tried in order for the API key. */
  apiKeyEnv: string[];
  /** Environment variable that overrides the base URL. */
  baseURLEnv?: string;
  structuredOutput: StructuredOutputMode;
}

export const providerCatalog: Record<ProviderName, ProviderInfo> = {
  openai: {
    baseURL: 'https://api.openai.com/v1',
    apiKeyEnv: ['OPENAI_API_KEY'],
    baseURLEnv: 'OPENAI_BASE_URL',
    structuredOutput: 'json-schema',
  },
  deepseek: {
    baseURL: 'https://api.deepseek.com/v1',
    apiKeyEnv: ['DEEPSEEK_API_KEY'],
    baseURLEnv: 'DEEPSEEK_BASE_URL',
    structuredOutput: 'json-object',
  },
  // DashScope's OpenAI-compatible mode.
  qwen: {
    baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    apiKeyEnv: ['DASHSCOPE_API_KEY', 'QWEN_API_KEY'],
    baseURLEnv: 'DASHSCOPE_BASE_URL',
    structuredOutput: 'json-object',
  },
  // Zhipu's open platform (OpenAI-compatible paths under /api/paas/v4).
  glm: {
    baseURL: 'https://open.bigmodel.cn/api/paas/v4',
    apiKeyEnv: ['ZHIPUAI_API_KEY', 'ZHIPU_API_KEY', 'GLM_API_KEY'],
    baseURLEnv: 'ZHIPUAI_BASE_URL',
    structuredOutput: 'json-object',
  },
  // Baidu Qianfan's OpenAI-compatible v2 API.
  ernie: {
    baseURL: 'https://qianfan.baidubce.com/v2',
    apiKeyEnv: ['QIANFAN_API_KEY', 'ERNIE_API_KEY'],
    baseURLEnv: 'QIANFAN_BASE_URL',
    structuredOutput: 'json-object',
  },
  moonshot: {
    baseURL: 'https://api.moonshot.cn/v1',
    apiKeyEnv: ['MOONSHOT_API_KEY'],
    baseURLEnv: 'MOONSHOT_BASE_URL',
    structuredOutput: 'json-object',
  },
  // Ollama's native API; OLLAMA_HOST as Ollama itself reads it (host:port or a URL).
  ollama: { baseURL: 'http://127.0.0.1:11434', apiKeyEnv: [], baseURLEnv: 'OLLAMA_HOST', structuredOutput: 'format' },
  // vLLM, the llama.cpp server and LM Studio all accept response_format json_schema.
  'openai-compatible': {
    baseURL: '',
    apiKeyEnv: ['OPENAI_COMPATIBLE_API_KEY', 'OPENAI_API_KEY'],
    structuredOutput: 'json-schema',
  },
  local: { baseURL: '', apiKeyEnv: [], structuredOutput: 'grammar' },
};

export const providerNames = Object.keys(providerCatalog) as ProviderName[];
