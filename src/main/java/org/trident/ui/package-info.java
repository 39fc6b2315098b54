/**
 * The workstation (JavaFX): the only package that imports javafx. View models (OrthoViewModel,
 * FigureModel, Jobs, LatestWins, Workspace, DatasetLoader) are toolkit-free and tested without FX.
 */
package org.trident.ui;
