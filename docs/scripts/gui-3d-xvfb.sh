#!/bin/sh
# Renders the 3-D view (three 128³ maps, whole and clipped, plus a 300-dpi still) in a real
# window under Xvfb with Mesa's OpenGL, and prints mesh time and frame rates while turning (full surfaces,
# the coarse ones shown during a drag, the scale cube alone), volume frame times and the load.
# Usage: docs/scripts/gui-3d-xvfb.sh OUT_DIR   (after `mvn -q test-compile`; needs xvfb and Mesa)
set -e
out=${1:-target/3d}
mkdir -p "$out"
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
cp="target/classes:target/test-classes:$(cat target/cp.txt)"
xvfb-run -a -s "-screen 0 1280x1024x24 +extension GLX" java -Dprism.forceGPU=true -Dprism.verbose=true -Xmx3g -cp "$cp" org.trident.ui.Launch3D "$out"
# then the frame rate of the surfaces on 2³, 4³ and 8³ blocks, with and without multisampling (why the coarse level is 4³)
xvfb-run -a -s "-screen 0 1280x1024x24 +extension GLX" java -Dprism.forceGPU=true -Xmx3g -cp "$cp" 'org.trident.ui.Surface3DLodBench$Main'
