/**
 * Scale-out on Apache Spark (docs/scaleout.md): {@code trident batch} runs the pipeline for many
 * bundles as Spark tasks, and {@code reconstruct --master} spreads the slices of one large volume
 * over executors. Nothing here is loaded by the workstation or the plain CLI; Spark itself is
 * loaded from {@code spark-lib/} beside the jar only when one of those is asked for.
 */
package org.trident.scaleout;
