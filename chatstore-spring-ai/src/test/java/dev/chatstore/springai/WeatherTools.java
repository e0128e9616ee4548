package dev.chatstore.springai;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.tool.annotation.Tool;

/** A real tool for the loop test: Spring AI's tool calling invokes it and records nothing else. */
public final class WeatherTools {

    private final List<String> asked = new ArrayList<>();

    @Tool(name = "weather", description = "The current weather in a city")
    public String weather(String city) {
        asked.add(city);
        return "Sunny in " + city;
    }

    List<String> asked() {
        return asked;
    }
}
