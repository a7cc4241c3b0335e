package dev.btrbot;

public final class Main {
    public static void main(String[] args) {
        System.out.println("btr-bot: wiring in progress");
    }
}
