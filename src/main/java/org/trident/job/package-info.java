/** Long jobs: progress reporting and cancellation shared by every engine stage, CLI and GUI. */
package org.trident.job;
