import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/sdk-trace';
import { boolean, declareConfig, duration, text, url, variable } from './config';

/**
 * OpenTelemetry traces, off unless a collector is configured with the standard `OTEL_*`
 * variables. On: a client's W3C `traceparent` is continued (or a trace starts at the gateway),
 * the gateway's operation, query plan and each subgraph fetch are spans (Apollo Gateway makes
 * them), every subgraph request continues the trace the gateway sent, data loaders' batches and
 * every MySQL statement (mysql2 instrumentation) are spans, and log lines carry `traceId`.
 */
export const telemetryConfig = declareConfig('every process', {
  OTEL_EXPORTER_OTLP_ENDPOINT: variable(url(), {
    defaultText: 'unset: no traces are recorded or sent',
    description: 'Base URL of an OpenTelemetry collector speaking OTLP over HTTP (JSON); traces go to `<url>/v1/traces`. Setting it (or the next) turns tracing on.',
  }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: variable(url(), {
    defaultText: '`OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`',
    description: 'The full URL traces are posted to, when it is not the base URL’s `/v1/traces`.',
  }),
  OTEL_EXPORTER_OTLP_HEADERS: variable(text(), {
    description: 'Headers sent to the collector, `name=value` pairs separated by commas (an API key, say).',
  }),
  OTEL_SERVICE_NAME: variable(text(), {
    defaultText: 'the process: `gateway`, `teachers`, `training`, …',
    description: 'The `service.name` of this process’s spans.',
  }),
  OTEL_BSP_SCHEDULE_DELAY: variable(duration(), {
    default: 5_000,
    description: 'How often finished spans are sent to the collector, in batches.',
  }),
  OTEL_SDK_DISABLED: variable(boolean(), {
    default: false,
    description: 'Turns tracing off even with an endpoint set.',
  }),
});

const TRACER = 'teacher-training-supergraph';

let provider: TracerProvider | undefined;

/** `name=value,name2=value2` as a header map. */
function parseHeaders(list: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (list ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/**
 * Starts tracing for this process when a collector is configured; a no-op otherwise. Call it first
 * in an entry point, before any database is opened: the mysql2 instrumentation hooks the driver
 * when TypeORM loads it.
 */
export function startTelemetry(service: string): boolean {
  const config = telemetryConfig;
  const endpoint = config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (config.OTEL_EXPORTER_OTLP_ENDPOINT && `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`);
  if (!endpoint || config.OTEL_SDK_DISABLED || provider) return Boolean(provider);
  // The SDK is loaded only when tracing is on: its modules hold about 20 MB of a process's
  // memory, which the gateway's memory budget (BENCHMARKS.md, issue 19 (e)) cannot spare for nothing.
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { MySQL2Instrumentation } = require('@opentelemetry/instrumentation-mysql2') as typeof import('@opentelemetry/instrumentation-mysql2');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BatchSpanProcessor, TracerProvider } = require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME ?? service }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: endpoint, headers: parseHeaders(config.OTEL_EXPORTER_OTLP_HEADERS) }),
        scheduledDelayMillis: config.OTEL_BSP_SCHEDULE_DELAY,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({ tracerProvider: provider, instrumentations: [new MySQL2Instrumentation()] });
  return true;
}

/** Sends the spans still buffered (on shutdown). */
export async function flushTelemetry(): Promise<void> {
  await provider?.forceFlush();
}

/** The trace context a request carries (`traceparent`), or none. */
export function incomingContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Adds the current trace context (`traceparent`) to outgoing request headers. */
export function injectTraceContext(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}

/** Runs `work` in a span (a child of the active one, or of `parent`), recording its failure. */
export function inSpan<T>(name: string, options: { kind?: SpanKind; attributes?: Attributes; parent?: Context }, work: (span: Span) => Promise<T>): Promise<T> {
  const tracer = trace.getTracer(TRACER);
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, options.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The trace id of the active span, for log lines; undefined when nothing is traced. */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

export { SpanKind };
