package dev.feedbackchat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FeedbackChatApplication {

	public static void main(String[] args) {
		SpringApplication.run(FeedbackChatApplication.class, args);
	}

}
