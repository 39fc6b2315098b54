/**
 * One step per stage (quantify, align, reconstruct, analyze, compare), each with
 * {@code run(input, params, RunContext)} and {@code write(result, dir)}, and {@link
 * org.trident.pipeline.Pipeline}, which chains them in-process. The CLI commands, the GUI and
 * batch engines call these steps and nothing below them, so there is one path per operation and
 * every output carries the same provenance (see docs/pipeline.md).
 */
package org.trident.pipeline;
