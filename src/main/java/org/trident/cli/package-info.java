/** The command line: thin picocli commands over the engine stages. */
package org.trident.cli;
