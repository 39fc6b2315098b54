package org.trident.recon;

/** Prints the kernel set a fresh JVM chooses (for {@link NativeKernelsTest}'s property test). */
public final class NativeKernelsProbe {
    private NativeKernelsProbe() {}

    public static void main(String[] args) {
        System.out.println("kernels=" + Reconstructor.kernels());
    }
}
