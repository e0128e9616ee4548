package dev.chatstore.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real {@link Tool} for AI Services tests; it records its calls so a test can tell it ran. */
final class WeatherTools {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Tool("The current weather in a city")
    String weather(String city) {
        calls.add(city);
        return "sunny in " + city;
    }
}
